// Issue 13, case 7: a shared store that forgets. A real process on a Redis without persistence (no
// append-only file, no RDB snapshots) warns in its start log, before the ready line: a Redis
// restart would lose queued messages, tickets and idempotency marks. With AOF or RDB it stays
// quiet; where CONFIG is not allowed it says it could not check. Each case runs its own
// redis-server (127.0.0.1, a free port, a temporary directory), so the shared test Redis is left
// as it is. Before the fix nothing warned.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NO_EVENTS, knowledgeWithEvents } from "../knowledge-copy.js";
import { startLotse, until, type LogLine } from "../process-harness.js";
import { cleanupsAfterEach } from "./rig.js";

const cleanup = cleanupsAfterEach();
const hasRedisServer = spawnSync("redis-server", ["--version"]).status === 0;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A redis-server of the test's own with `settings`; stopped and removed in the clean-up. */
async function redisServer(settings: string[]): Promise<string> {
  const [port, dir] = [await freePort(), mkdtempSync(join(tmpdir(), "lotse-redis-"))];
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, ...settings], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  for (const stream of [child.stdout!, child.stderr!]) stream.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  cleanup(async () => {
    child.kill("SIGKILL");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  });
  await until(() => /Ready to accept connections/.test(output), `redis-server on ${port}: ${output.slice(-300)}`, 10_000);
  return `redis://127.0.0.1:${port}/0`;
}

/** The start log of a real process on that Redis, up to and including its ready line. */
async function startLog(redisUrl: string): Promise<LogLine[]> {
  const [dataDir, knowledgeDir] = [mkdtempSync(join(tmpdir(), "lotse-faults-")), knowledgeWithEvents(NO_EVENTS)];
  cleanup(async () => {
    for (const dir of [dataDir, knowledgeDir]) rmSync(dir, { recursive: true, force: true });
  });
  const lotse = await startLotse({ REDIS_URL: redisUrl, DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir });
  cleanup(async () => {
    lotse.kill();
    await lotse.exited;
  });
  const log = [...lotse.logs];
  expect((await lotse.terminate()).code).toBe(0);
  return log.slice(0, log.findIndex((l) => /^Lotse is ready/.test(String(l.msg))) + 1);
}

const WARN = 40;
const persistenceLines = (log: LogLine[]) => log.filter((l) => /persistence/i.test(String(l.msg)));

describe.skipIf(!hasRedisServer)("Redis persistence at start", { timeout: 60_000 }, () => {
  it("warns when Redis has neither an append-only file nor RDB snapshots", async () => {
    const log = await startLog(await redisServer(["--appendonly", "no", "--save", ""]));
    const [warning, ...more] = persistenceLines(log);
    expect(more).toEqual([]);
    expect(warning).toMatchObject({ level: WARN, backend: "redis" });
    expect(String(warning!.msg)).toMatch(/Redis has no persistence.*appendonly yes/);
    expect(log.indexOf(warning!)).toBeLessThan(log.length - 1); // in the start log, before the ready line
  });

  it("stays quiet with the append-only file, and with RDB snapshots", async () => {
    for (const settings of [["--appendonly", "yes", "--save", ""], ["--appendonly", "no", "--save", "3600 1"]]) {
      const log = await startLog(await redisServer(settings));
      expect(log.at(-1)?.msg).toMatch(/^Lotse is ready/);
      expect(persistenceLines(log), settings.join(" ")).toEqual([]);
    }
  });

  it("says it could not check when CONFIG is not allowed (a managed Redis)", async () => {
    const log = await startLog(await redisServer(["--appendonly", "no", "--save", "", "--rename-command", "CONFIG", ""]));
    const [warning] = persistenceLines(log);
    expect(warning).toMatchObject({ level: WARN });
    expect(String(warning!.msg)).toMatch(/Could not read Redis's persistence settings/);
  });
});
