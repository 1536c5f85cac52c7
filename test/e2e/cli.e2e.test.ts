import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../src/paths.js";

const BIN = join(ROOT, "bin", "lotse.js");

/** Runs the built `lotse` command with `input` on stdin; resolves with its output and exit code. */
function lotse(args: string[], input = "", env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATA_DIR: mkdtempSync(join(tmpdir(), "lotse-cli-")), LOG_LEVEL: "warn", LOG_FORMAT: "json", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("lotse chat", () => {
  it("runs the conversation in a terminal: onboarding by numbers, a question, a button", async () => {
    const { code, stdout } = await lotse(["chat"], ["2", "/region berlin-neukoelln", "How do I find a daycare place for a three-year-old?", "1", "/quit", ""].join("\n"));
    expect(code).toBe(0);
    expect(stdout).toMatch(/Willkommen bei Lotse/);
    expect(stdout).toMatch(/\[2\] English/);
    expect(stdout).toMatch(/Fine, I will answer in English/);
    expect(stdout).toMatch(/Neukölln \(Berlin\)/);
    expect(stdout).toMatch(/As of .*2026 · General information, not legal advice/);
    expect(stdout).toMatch(/\[1\] 👍 Helpful/);
    expect(stdout).toMatch(/Thank you for your feedback/);
  });
});

describe("lotse ask", () => {
  it("answers JSON lines in order, and only JSON on stdout", async () => {
    const input = [
      { q: "Wie melde ich eine neue Adresse beim Bürgeramt an?" },
      { q: "Er atmet nicht mehr und ist bewusstlos", lang: "de" },
      { q: "What's the best pizza in Naples?", region: "berlin" },
    ]
      .map((l) => JSON.stringify(l))
      .join("\n");
    const { code, stdout } = await lotse(["ask", "--jsonl"], input);
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(Object.keys(line).sort()).toEqual(["action", "alternatives", "lang", "score", "topic"]);
    expect(lines[0]).toMatchObject({ topic: "anmeldung-wohnsitz", action: "answer", lang: "de" });
    expect(lines[1]).toMatchObject({ action: "emergency", topic: "notfall-krise", lang: "de" });
    expect(lines[2]).toMatchObject({ action: "fallback", topic: null, lang: "en" });
  });

  it("names the line of bad input", async () => {
    const { code, stderr, stdout } = await lotse(["ask", "--jsonl"], '{"q": "ok"}\nnot json\n');
    expect(code).toBe(2);
    expect(stderr).toMatch(/line 2: not valid JSON/);
    expect(stdout.trim().split("\n")).toHaveLength(1);
  });
});

describe("lotse eval, kb check, help, configuration", () => {
  it("prints Lotse's figures beside the fuse.js baseline", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lotse-eval-"));
    const file = join(dir, "q.jsonl");
    writeFileSync(
      file,
      [
        { q: "kindergeld beantragen", topic: "kindergeld-elterngeld", action: "answer", kind: "topic", lang: "de" },
        { q: "Can I talk to a real person please?", topic: null, action: "escalate", kind: "human", lang: "en" },
      ]
        .map((l) => JSON.stringify(l))
        .join("\n"),
    );
    const { code, stdout } = await lotse(["eval", file]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/== Lotse ==\ntopic questions \(1\): top-1 100\.0%/);
    expect(stdout).toMatch(/== fuse\.js baseline ==/);
    expect(stdout).toMatch(/Lotse vs fuse\.js baseline, top-1 on topic questions: [+-]\d/);
    expect(stdout).toMatch(/human +n= +1 .*action 100\.0%/);
  });

  it("adds the NLP.js peer with --peers", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lotse-peers-"));
    const file = join(dir, "q.jsonl");
    writeFileSync(file, JSON.stringify({ q: "Wie bekomme ich Kindergeld für die Kinder?", topic: "kindergeld-elterngeld", action: "answer", kind: "topic", lang: "de" }));
    const { code, stdout } = await lotse(["eval", file, "--peers"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/== NLP\.js \(node-nlp\) peer ==\ntopic questions \(1\): top-1/);
    expect(stdout).toMatch(/Lotse vs NLP\.js \(node-nlp\) peer, top-1/);
  }, 120_000);

  it("kb check passes on the shipped knowledge and fails on a broken one", async () => {
    const ok = await lotse(["kb", "check"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/topics, \d+ entries: 0 error\(s\)/);
    const dir = mkdtempSync(join(tmpdir(), "lotse-kb-"));
    mkdirSync(join(dir, "de"));
    writeFileSync(join(dir, "de", "x.md"), "no front matter");
    const bad = await lotse(["kb", "check"], "", { KNOWLEDGE_DIR: dir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/ERROR +.*x\.md +\(front matter\): expected YAML front matter/);
  });

  it("outbox shows counts per platform without content, and --retry queues again what was given up on", async () => {
    const { Store } = await import("../../src/store/store.js");
    const { Outbox, PermanentDeliveryError } = await import("../../src/core/outbox/outbox.js");
    const { systemClock } = await import("../../src/core/clock.js");
    const { silentLogger } = await import("../helpers.js");
    const dataDir = mkdtempSync(join(tmpdir(), "lotse-cli-outbox-"));
    const store = await Store.open({ dataDir });
    const outbox = new Outbox(store, systemClock, silentLogger);
    outbox.register("telegram", { send: async () => Promise.reject(new PermanentDeliveryError("chat not found")) });
    await outbox.enqueue({ platform: "telegram", chatId: "77", userId: "77" }, { lang: "de", blocks: [{ type: "paragraph", spans: [{ text: "Geheimer Inhalt" }] }] });
    await outbox.flush();
    await store.close();

    const shown = await lotse(["outbox"], "", { DATA_DIR: dataDir });
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toEqual({ pending: {}, dead: { telegram: { refused: 1, attempts: 0 } } });
    expect(shown.stdout).not.toMatch(/Geheimer|77/);
    const retried = await lotse(["outbox", "--retry", "--refused-too"], "", { DATA_DIR: dataDir });
    expect(retried.stdout).toMatch(/queued again: 1/);
    expect(retried.stdout).toMatch(/"pending": \{\s*"telegram": 1/);
  });

  it("has --help on each command", async () => {
    for (const args of [["--help"], ["chat", "--help"], ["ask", "--help"], ["eval", "--help"], ["kb", "check", "--help"], ["outbox", "--help"], ["doctor", "--help"], ["desk", "invite", "--help"]]) {
      const { code, stdout } = await lotse(args);
      expect(code, args.join(" ")).toBe(0);
      expect(stdout).toMatch(/Usage: lotse/);
    }
  });

  it("doctor reports the example data of a fresh clone and that hand-overs reach nobody", async () => {
    const { code, stdout } = await lotse(["doctor"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/hand-overs reach: NOBODY/);
    expect(stdout).toMatch(/\[operator\][\s\S]*\[contacts\][\s\S]*\[events\][\s\S]*\[desk\]/);
  });

  it("stops with a message naming a wrong variable", async () => {
    const { code, stderr } = await lotse(["start"], "", { PORT: "not-a-port" });
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/PORT: .*"not-a-port"/);
  });
});
