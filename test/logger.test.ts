import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { wantsPretty } from "../src/logger.js";
import { ROOT } from "../src/paths.js";

describe("log format", () => {
  it("'auto' is pretty only on a terminal, outside production and CI", () => {
    expect(wantsPretty("auto", true, {})).toBe(true);
    expect(wantsPretty("auto", true, { NODE_ENV: "development" })).toBe(true);
    expect(wantsPretty("auto", false, {})).toBe(false);
    expect(wantsPretty("auto", true, { NODE_ENV: "production" })).toBe(false);
    expect(wantsPretty("auto", true, { CI: "true" })).toBe(false);
    expect(wantsPretty("auto", true, { CI: "false" })).toBe(true);
  });

  it("'pretty' and 'json' are taken as said", () => {
    expect(wantsPretty("pretty", false, { NODE_ENV: "production", CI: "1" })).toBe(true);
    expect(wantsPretty("json", true, {})).toBe(false);
  });
});

// A real process: its stdout a pipe, then a pseudo-terminal (util-linux `script`).
describe.skipIf(!existsSync("/usr/bin/script"))("the logger in a process", () => {
  const program = join(mkdtempSync(join(tmpdir(), "lotse-logger-")), "log.ts");
  writeFileSync(
    program,
    [
      `import { createLogger } from ${JSON.stringify(pathToFileURL(join(ROOT, "src", "logger.ts")).href)};`,
      `const logger = createLogger({ level: "info", format: "auto" });`,
      `logger.info({ store: "sqlite" }, "Lotse is ready");`,
      `logger.flush?.();`,
    ].join("\n"),
  );
  const node = [process.execPath, "--import", "tsx", program];
  // Neither production nor CI: only the terminal decides.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== "CI" && key !== "NODE_ENV"));
  const options = { cwd: ROOT, env, encoding: "utf8" as const, timeout: 30_000 };

  it("writes one JSON object a line to a pipe", () => {
    const out = execFileSync(node[0]!, node.slice(1), options).trim();
    const line = JSON.parse(out) as { level: number; msg: string; store: string };
    expect(line).toMatchObject({ level: 30, msg: "Lotse is ready", store: "sqlite" });
  });

  it("writes readable lines to a terminal", () => {
    const command = node.map((part) => `'${part.replace(/'/g, "'\\''")}'`).join(" ");
    const out = execFileSync("script", ["-qefc", command, "/dev/null"], options);
    const plain = out.replace(/\x1b\[[0-9;]*m/g, "").trim();
    expect(plain).toMatch(/^\[\d\d:\d\d:\d\d(\.\d+)?\] INFO: Lotse is ready/m);
    expect(plain).toMatch(/store: "sqlite"/);
    expect(plain).not.toMatch(/^\{/m);
  });
});
