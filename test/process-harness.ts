import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ROOT } from "../src/paths.js";

/**
 * Runs Lotse as a real process (`node dist/src/main.js`), the way it is deployed: for tests
 * and benchmarks that need several instances, a signal, or the process's own memory.
 * The build must be current (`npm test` and `npm run bench` build first; else `npm run build`).
 * Imported by test/ (vitest, from source) and bench/ (compiled into dist/test/).
 */

export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface LotseProcess {
  readonly pid: number;
  /** Base URL from the ready line, e.g. http://127.0.0.1:40317. */
  readonly url: string;
  /** Start-up time Lotse measured itself (the ready line's readyMs). */
  readonly readyMs: number;
  /** Wall time from spawn to the ready line: includes Node's start and module loading. */
  readonly spawnToReadyMs: number;
  /** Every JSON log line so far (stdout), parsed. */
  readonly logs: LogLine[];
  /** Resolves when the process has exited and its output is read to the end. */
  readonly exited: Promise<Exit>;
  isRunning(): boolean;
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Sends SIGTERM and waits for the exit; rejects if it does not come within `timeoutMs`. */
  terminate(timeoutMs?: number): Promise<Exit & { ms: number }>;
  /** SIGKILL, for clean-up after a failed test; a no-op once exited. */
  kill(): void;
  /** Sum of a Prometheus metric over its label sets (scraped from /metrics). */
  metric(name: string): Promise<number>;
  /** Resident set size in bytes (/proc/<pid>/status on Linux, else the process's own metric). */
  rssBytes(): Promise<number>;
  /** Peak resident set size in bytes since start (VmHWM), where /proc has it. */
  peakRssBytes(): number | undefined;
}

const READY = /^Lotse is ready/;

export const MAIN = join(ROOT, "dist", "src", "main.js");

/** Every process started here, so a test file can make sure none outlives it. */
const running = new Set<LotseProcess>();

export function killAll(): void {
  for (const child of running) child.kill();
}

/**
 * Spawns Lotse with `env` (plus PATH, LOG_FORMAT=json, PORT=0, HOST=127.0.0.1, LOG_LEVEL=info
 * unless given) and resolves once it logged its ready line. Nothing else is inherited from this
 * process's environment, so a developer's REDIS_URL or vitest's LOG_LEVEL=silent cannot leak in.
 */
export async function startLotse(env: Record<string, string>, options: { readyTimeoutMs?: number } = {}): Promise<LotseProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first`);
  if (/^(warn|error|fatal|silent)$/.test(env.LOG_LEVEL ?? "")) throw new Error("startLotse needs LOG_LEVEL info or lower: the ready line is logged at info");
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", LOG_FORMAT: "json", LOG_LEVEL: "info", PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: LogLine[] = [];
  const watchers = new Set<(line: LogLine) => void>();
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  createInterface({ input: child.stdout! }).on("line", (raw) => {
    let line: LogLine;
    try {
      line = JSON.parse(raw) as LogLine;
    } catch {
      line = { msg: raw };
    }
    logs.push(line);
    for (const watcher of [...watchers]) watcher(line);
  });
  // "close", not "exit": the last log lines (written just before process.exit) are read by then.
  const exited = new Promise<Exit>((resolve) => child.once("close", (code, signal) => resolve({ code, signal })));

  const waitForLog = (predicate: (line: LogLine) => boolean, timeoutMs = 20_000): Promise<LogLine> => {
    const seen = logs.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const done = (error?: Error, line?: LogLine) => {
        clearTimeout(timer);
        watchers.delete(watcher);
        if (error) reject(error);
        else resolve(line!);
      };
      const watcher = (line: LogLine) => predicate(line) && done(undefined, line);
      const timer = setTimeout(() => done(new Error(`no matching log line within ${timeoutMs} ms (pid ${child.pid}); last lines:\n${tail(logs, stderr)}`)), timeoutMs);
      watchers.add(watcher);
      void exited.then((exit) => done(new Error(`process exited (${exit.code ?? exit.signal}) before the log line; last lines:\n${tail(logs, stderr)}`)));
    });
  };

  const ready = await waitForLog((line) => READY.test(String(line.msg ?? "")), options.readyTimeoutMs ?? 60_000).catch((error: unknown) => {
    child.kill("SIGKILL");
    throw error;
  });
  const spawnToReadyMs = performance.now() - spawnedAt;
  const url = String(ready.url);
  const proc: LotseProcess = {
    pid: child.pid!,
    url,
    readyMs: Number(ready.readyMs),
    spawnToReadyMs,
    logs,
    exited,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    waitForLog,
    terminate: async (timeoutMs = 15_000) => {
      const sentAt = performance.now();
      if (proc.isRunning()) child.kill("SIGTERM");
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`pid ${child.pid} did not exit within ${timeoutMs} ms of SIGTERM; last lines:\n${tail(logs, stderr)}`)), timeoutMs);
      });
      try {
        const exit = await Promise.race([exited, timeout]);
        return { ...exit, ms: performance.now() - sentAt };
      } finally {
        clearTimeout(timer);
      }
    },
    kill: () => {
      if (proc.isRunning()) child.kill("SIGKILL");
    },
    metric: async (name) => scrape(await (await fetch(`${url}/metrics`)).text(), name),
    rssBytes: async () => procStatusBytes(child.pid!, "VmRSS") ?? proc.metric("lotse_process_resident_memory_bytes"),
    peakRssBytes: () => procStatusBytes(child.pid!, "VmHWM"),
  };
  running.add(proc);
  void exited.then(() => running.delete(proc));
  return proc;
}

/** The variables that point a Lotse process at the local platform fakes: Telegram in webhook mode, Slack in HTTP mode, Discord when given. */
export function fakePlatformEnv(o: {
  telegram: { token: string; apiRoot: string };
  slack: { botToken: string; apiUrl: string };
  discord?: { token: string; applicationId: string; apiUrl: string };
  webhookSecret: string;
  slackSecret: string;
}): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: o.telegram.token,
    TELEGRAM_API_ROOT: o.telegram.apiRoot,
    TELEGRAM_WEBHOOK_URL: "https://lotse.example.org/telegram/webhook",
    TELEGRAM_WEBHOOK_SECRET: o.webhookSecret,
    SLACK_BOT_TOKEN: o.slack.botToken,
    SLACK_SIGNING_SECRET: o.slackSecret,
    SLACK_API_URL: o.slack.apiUrl,
    ...(o.discord ? { DISCORD_BOT_TOKEN: o.discord.token, DISCORD_APPLICATION_ID: o.discord.applicationId, DISCORD_API_URL: o.discord.apiUrl } : {}),
  };
}

/** Sums the samples of one metric in Prometheus text format; 0 when it has none yet. */
export function scrape(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (match && match[1] === name) sum += Number(match[3]);
  }
  return sum;
}

/** A "<field>: <n> kB" line of /proc/<pid>/status, in bytes (Linux only). */
function procStatusBytes(pid: number, field: string): number | undefined {
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return undefined;
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(status, "utf8"))?.[1];
  return kb ? Number(kb) * 1024 : undefined;
}

function tail(logs: LogLine[], stderr: string): string {
  const last = logs.slice(-8).map((l) => JSON.stringify(l)).join("\n");
  return stderr ? `${last}\nstderr: ${stderr.slice(-1000)}` : last;
}

/** Polls `check` until it returns true; for conditions in another process (no event to wait on). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
