import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../src/paths.js";

/**
 * The floors of the house (docs/ARCHITECTURE.md), checked on the import graph madge reads from
 * src/: no cycles, the kernel imports nothing above it, features import no adapter, and every
 * file stays small enough to read in one sitting.
 */

const require = createRequire(import.meta.url);
const MADGE = join(dirname(require.resolve("madge/package.json")), "bin", "cli.js");

function madge(...args: string[]): unknown {
  const out = execFileSync(process.execPath, [MADGE, "--extensions", "ts", "--json", ...args, "src"], { cwd: ROOT, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(out) as unknown;
}

const graph = madge() as Record<string, string[]>;

function importsOf(folder: string): [string, string][] {
  return Object.entries(graph)
    .filter(([file]) => file.startsWith(`${folder}/`))
    .flatMap(([file, deps]) => deps.map((dep): [string, string] => [file, dep]));
}

describe("architecture", () => {
  it("reads the whole tree (the checks below are not vacuous)", () => {
    expect(Object.keys(graph).length).toBeGreaterThan(150);
    expect(graph["core/outbox/outbox.ts"]).toBeDefined();
    expect(graph["conversation/assistant.ts"]).toContain("conversation/answering.ts");
  });

  it("has no import cycle (npx madge --circular --extensions ts src)", () => {
    expect(madge("--circular")).toEqual([]);
  }, 60_000);

  it("keeps the kernel free of everything above it", () => {
    const above = /^(conversation|escalation|events|knowledge|adapters|http|privacy)\/|^(app|main|housekeeping|cli[a-z-]*|setup-check|metrics)\.ts$/;
    expect(importsOf("core").filter(([, dep]) => above.test(dep))).toEqual([]);
    expect(importsOf("store").filter(([, dep]) => above.test(dep))).toEqual([]);
  });

  it("lets no feature import an adapter or the HTTP server", () => {
    for (const feature of ["conversation", "escalation", "events", "knowledge", "privacy"]) {
      expect(importsOf(feature).filter(([, dep]) => /^(adapters|http)\//.test(dep))).toEqual([]);
    }
  });

  it("loads platform libraries only inside their adapter", () => {
    const offenders: string[] = [];
    for (const file of Object.keys(graph)) {
      if (file.startsWith("adapters/")) continue;
      const text = readFileSync(join(ROOT, "src", file), "utf8");
      if (/from "(grammy|@grammyjs\/[^"]+|discord\.js|@discordjs\/[^"]+|@slack\/[^"]+|nodemailer)"/.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it("keeps every source file under 300 lines", () => {
    const long: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(ts|mjs)$/.test(entry.name)) {
          const lines = readFileSync(path, "utf8").split("\n").length - 1;
          if (lines > 300) long.push(`${path.slice(ROOT.length + 1)}: ${lines}`);
        }
      }
    };
    walk(join(ROOT, "src"));
    expect(long).toEqual([]);
  });
});
