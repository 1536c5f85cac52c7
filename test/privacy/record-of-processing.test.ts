import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RECORD_OF_PROCESSING, STORED_KINDS, VOLUNTEER_KINDS, recordOfProcessingTable } from "../../src/privacy/record-of-processing.js";
import { createHttpApp } from "../../src/adapters/index.js";
import { ROOT } from "../../src/paths.js";
import { MARKS } from "../../src/store/backend.js";
import { NAMESPACES } from "../../src/store/store.js";
import { testLotse } from "../helpers.js";

/**
 * The record of processing (src/privacy/record-of-processing.ts) against the code: every namespace
 * the code opens is in it, every namespace holding volunteers' data is covered by `/my_data` and
 * `/delete_me`, and the operator guide shows it. A new namespace fails here until it is added
 * there, with its owner, purpose, legal basis and retention, and (if it holds volunteers' data)
 * a holder that exports and erases it.
 */

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The namespaces the code opens: `store.ns("…")`, `store.ns<T>("…")`, `store.sets("…")`, and the marks. */
function openedByCode(): Set<string> {
  const opened = new Set<string>();
  for (const file of sources(join(ROOT, "src"))) {
    const code = readFileSync(file, "utf8");
    for (const match of code.matchAll(/\.(?:ns|sets)(?:<[^()]*?>)?\(\s*(["'`])([^"'`]+)\1/g)) opened.add(match[2]!);
    if (/\bMARKS\b/.test(code) && !file.endsWith("backend.ts")) opened.add(MARKS);
    // A name the scan cannot read (a variable) would slip through: there must be none outside the store.
    const computed = [...code.matchAll(/\.(?:ns|sets)(?:<[^()]*?>)?\(\s*([^"'`\s)][^)]*)\)/g)].map((m) => m[1]);
    if (!file.includes(join("src", "store"))) expect(computed, `${file} opens a namespace by a computed name`).toEqual([]);
  }
  return opened;
}

const GENERATED = /<!-- record-of-processing:begin[^>]*-->\n([\s\S]*?)\n<!-- record-of-processing:end -->/;
const GUIDE = join(ROOT, "docs", "OPERATOR-GUIDE.md");

describe("the record of processing", () => {
  it("lists every namespace the store knows and every one the code opens; those it lists but nothing opens are known", () => {
    const listed = new Set<string>(STORED_KINDS);
    for (const ns of [...NAMESPACES, MARKS]) expect(listed.has(ns), `${ns} is missing in record-of-processing.ts`).toBe(true);
    const opened = openedByCode();
    for (const ns of opened) expect(listed.has(ns), `${ns} is opened by the code but missing in record-of-processing.ts`).toBe(true);
    // Not keyv namespaces: the outbox (a table, Redis sorted sets), locks and send windows (backend
    // keys); "mail" is reserved. Anything else listed but never opened is a stale entry.
    expect(STORED_KINDS.filter((kind) => !opened.has(kind)).sort()).toEqual(["locks", "mail", "outbox", "send-windows"]);
  });

  it("says for every entry whose data it is, why, on which basis and for how long", () => {
    for (const kind of STORED_KINDS) {
      const entry = RECORD_OF_PROCESSING[kind];
      for (const field of ["purpose", "contents", "legalBasis", "retention"] as const) expect(entry[field].trim(), `${kind}.${field}`).not.toBe("");
    }
    expect(VOLUNTEER_KINDS).toEqual(expect.arrayContaining(["profiles", "conversations", "inbox", "tickets", "outbox", "subscriptions", "resume", "limits"]));
  });

  it("has every volunteers' namespace covered by export and erasure; the web chat brings its inbox", { timeout: 600_000 }, async () => {
    const { lotse } = await testLotse();
    // Without the web chat nobody knows the inbox's records, and the check says so.
    expect(lotse.assistant.personalData.uncovered()).toEqual(["inbox"]);
    createHttpApp(lotse);
    expect(lotse.assistant.personalData.uncovered()).toEqual([]);
  });

  it("is what the operator guide shows (LOTSE_UPDATE_DOCS=1 writes it there)", () => {
    const guide = readFileSync(GUIDE, "utf8");
    const table = recordOfProcessingTable();
    if (process.env.LOTSE_UPDATE_DOCS === "1") writeFileSync(GUIDE, guide.replace(GENERATED, (all, old: string) => all.replace(old, table)));
    const shown = GENERATED.exec(readFileSync(GUIDE, "utf8"))?.[1];
    expect(shown, "docs/OPERATOR-GUIDE.md has the generated table between its markers").toBeDefined();
    expect(shown, "the guide's table is out of date: run LOTSE_UPDATE_DOCS=1 npx vitest run test/privacy/record-of-processing.test.ts").toBe(table);
    for (const kind of STORED_KINDS) expect(shown).toContain(`| \`${kind}\` |`);
  });
});
