/**
 * Open-loop load for the webhook benchmark: updates are POSTed on a fixed schedule (update i at
 * t0 + i / rate), whatever the server's answers do; every request's acknowledgement time (from
 * just before the request is written to the end of the HTTP answer) is recorded. No request waits
 * for another, so a slow server gets more requests in flight, as it would from Telegram's side.
 * Each step uses a fresh keep-alive agent, so no idle socket the server closed between steps is
 * reused (that would show up as a connection reset that Lotse did not cause).
 */
import { Agent, request } from "node:http";
import { readFileSync, readdirSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

export interface Ack {
  chat: number;
  /** Wall clock (Date.now()) when the request was sent: compared with the fake's call times. */
  sentWall: number;
  /** Acknowledgement time in ms (performance.now() based). */
  ms: number;
  /** HTTP status, or the error that ended the request (ECONNRESET, timeout, …). */
  status: number | string;
}

export interface Step {
  rate: number;
  seconds: number;
  acks: Ack[];
  /** Acknowledged with 200. */
  ok: number;
  /** Everything else, by status or error. */
  non200: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
  /** 200s per second, from the first request sent to the last answer received. */
  achieved: number;
  /** Wall-clock window of the step (first send, last answer). */
  startWall: number;
  endWall: number;
  /** How late the driver sent against its schedule (99th percentile, ms), and its own event-loop delay p99 (ms). */
  lateP99: number;
  loopP99: number;
  /** Acknowledged with 200 but later than 100 ms. */
  over100: number;
  /** Where the CPU went during the step (% of one core). */
  cpu: CpuShares;
}

export const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN);

/** utime + stime of a process in seconds (Linux /proc; undefined elsewhere or once it exited). */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** CPU time (s) of the local Redis and PostgreSQL servers' processes, by pid. */
function storeCpu(): Map<number, number> {
  const found = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!/^(redis-server|postgres)$/.test(readFileSync(`/proc/${entry}/comm`, "utf8").trim())) continue;
    } catch {
      continue;
    }
    const cpu = cpuSeconds(Number(entry));
    if (cpu !== undefined) found.set(Number(entry), cpu);
  }
  return found;
}

/** Busy and total CPU time of the whole machine in seconds (/proc/stat), all cores together. */
function machineCpu(): { busy: number; total: number } {
  const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/);
  const t = ticks.map(Number);
  const idle = (t[3] ?? 0) + (t[4] ?? 0);
  const total = t.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / 100, total: total / 100 };
}

/** Where the CPU went while a step ran, in % of one core: the server processes, Redis + PostgreSQL, this process (driver and fake), everything else. */
export interface CpuShares {
  server: number;
  store: number;
  bench: number;
  others: number;
}

/** Starts measuring; the returned function ends the measurement (Linux /proc; zeros elsewhere). */
export function cpuMeter(serverPids: number[]): () => CpuShares {
  try {
    const wall = performance.now();
    const server = serverPids.map((pid) => cpuSeconds(pid) ?? 0);
    const store = storeCpu();
    const bench = process.cpuUsage();
    const machine = machineCpu();
    return () => {
      const seconds = (performance.now() - wall) / 1000;
      const pct = (cpu: number) => (100 * cpu) / seconds;
      const serverUsed = serverPids.reduce((sum, pid, k) => sum + Math.max(0, (cpuSeconds(pid) ?? server[k]!) - server[k]!), 0);
      let storeUsed = 0;
      for (const [pid, cpu] of storeCpu()) storeUsed += cpu - (store.get(pid) ?? 0);
      const benchUsage = process.cpuUsage(bench);
      const benchUsed = (benchUsage.user + benchUsage.system) / 1e6;
      const machineUsed = machineCpu().busy - machine.busy;
      return { server: pct(serverUsed), store: pct(storeUsed), bench: pct(benchUsed), others: pct(Math.max(0, machineUsed - serverUsed - storeUsed - benchUsed)) };
    };
  } catch {
    return () => ({ server: 0, store: 0, bench: 0, others: 0 });
  }
}

function post(agent: Agent, url: URL, body: string, secret: string, timeoutMs: number): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        timeout: timeoutMs,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-telegram-bot-api-secret-token": secret },
      },
      (res) => {
        res.resume();
        res.once("end", () => resolve(res.statusCode ?? 0));
        res.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "response error"));
      },
    );
    req.once("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: `no answer in ${timeoutMs / 1000} s` })));
    req.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end(body);
  });
}

/**
 * Offers `rate` updates/s for `seconds` to `urls` (round-robin, like a load balancer in front of
 * the instances); update i comes from user and private chat `firstChat + i`. Resolves when every
 * request has been answered (or failed, or timed out after `timeoutMs`).
 */
export async function offer(options: {
  urls: string[];
  rate: number;
  seconds: number;
  firstChat: number;
  secret: string;
  update: (chat: number, i: number) => object;
  serverPids: number[];
  timeoutMs?: number;
}): Promise<Step> {
  const { rate, seconds, firstChat, secret, serverPids } = options;
  const count = Math.round(rate * seconds);
  const urls = options.urls.map((u) => new URL(u));
  // Bodies are built before the clock starts, so building them does not delay the schedule.
  const bodies = Array.from({ length: count }, (_, i) => JSON.stringify({ update_id: firstChat + i, ...options.update(firstChat + i, i) }));
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const acks: Ack[] = new Array<Ack>(count);
  const late: number[] = [];
  const pending: Promise<void>[] = [];
  const cpu = cpuMeter(serverPids);
  loop.enable();
  const t0 = performance.now();
  const startWall = Date.now();
  let lastAnswer = t0;
  await new Promise<void>((resolve) => {
    let i = 0;
    const tick = () => {
      const now = performance.now();
      for (; i < count && t0 + (i * 1000) / rate <= now; i++) {
        const n = i;
        late.push(now - (t0 + (n * 1000) / rate));
        const sentWall = Date.now();
        const sentAt = performance.now();
        pending.push(
          post(agent, urls[n % urls.length]!, bodies[n]!, secret, options.timeoutMs ?? 30_000).then((status) => {
            const at = performance.now();
            lastAnswer = Math.max(lastAnswer, at);
            acks[n] = { chat: firstChat + n, sentWall, ms: at - sentAt, status };
          }),
        );
      }
      if (i >= count) return resolve();
      setTimeout(tick, Math.max(0, t0 + (i * 1000) / rate - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  loop.disable();
  const endWall = Date.now();
  const cpuShares = cpu();
  agent.destroy();
  const okMs = acks.filter((a) => a.status === 200).map((a) => a.ms).sort((a, b) => a - b);
  const non200: Record<string, number> = {};
  for (const a of acks) if (a.status !== 200) non200[String(a.status)] = (non200[String(a.status)] ?? 0) + 1;
  late.sort((a, b) => a - b);
  return {
    rate,
    seconds,
    acks,
    ok: okMs.length,
    non200,
    p50: quantile(okMs, 0.5),
    p99: quantile(okMs, 0.99),
    max: okMs.at(-1) ?? NaN,
    achieved: okMs.length / ((lastAnswer - t0) / 1000),
    startWall,
    endWall,
    lateP99: quantile(late, 0.99),
    loopP99: loop.percentile(99) / 1e6,
    over100: okMs.filter((v) => v > 100).length,
    cpu: cpuShares,
  };
}

export const non200Count = (step: Step) => Object.values(step.non200).reduce((a, b) => a + b, 0);

/** Whether a step kept up: p99 within 100 ms, at least 95% of the offered rate acknowledged, no failed request. */
export function keptUp(step: Step): boolean {
  return step.p99 <= 100 && step.achieved >= 0.95 * step.rate && non200Count(step) === 0;
}
