import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lotse } from "../../../src/app.js";
import { webChat } from "../../../src/adapters/web/routes.js";
import { WebAdapter } from "../../../src/adapters/web/adapter.js";
import type { ManualClock } from "../../../src/core/clock.js";
import type { Reply } from "../../../src/core/message.js";
import { RESUME_CODE_KIND, RESUME_GUESS_WINDOW_MS, RESUME_GUESSES } from "../../../src/conversation/resume-codes.js";
import type { Coordinator } from "../../../src/escalation/desk.js";
import { Store } from "../../../src/store/store.js";
import { testLotse, textOf } from "../../helpers.js";

/**
 * Resume codes through the web chat's own endpoints (cookies, zod, the inbox), on a SQLite file so
 * the test can read everything the store holds.
 */

interface Message {
  seq: number;
  transient?: boolean;
  reply: Reply;
}

const CASE = "Frau K. hat eine Ablehnung vom Jobcenter. Soll sie Widerspruch einlegen?";
const CODE = /\b([2-9A-HJKMNP-Z]{4})-([2-9A-HJKMNP-Z]{4})\b/;
const coordinator: Coordinator = { id: "c1", sees: () => true };

let lotse: Lotse;
let clock: ManualClock;
let app: ReturnType<typeof webChat>;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "lotse-resume-"));
  ({ lotse, clock } = (await testLotse({ store: await Store.open({ dataDir }) })) as { lotse: Lotse; clock: ManualClock });
  app = webChat(lotse, new WebAdapter(lotse).sender);
});

afterAll(async () => {
  await lotse?.close(0);
});

let sessions = 0;
/** A browser session of its own (a cookie the routes accept). */
const browser = () => `test-session-${String(++sessions).padStart(4, "0")}-abcdefgh`;

async function post(sid: string, path: string, body: unknown): Promise<{ status: number; messages: Message[]; error?: string }> {
  const res = await app.request(path, { method: "POST", headers: { "content-type": "application/json", cookie: `lotse_sid=${sid}` }, body: JSON.stringify(body) });
  const data = (await res.json()) as { messages?: Message[]; error?: string };
  return { status: res.status, messages: data.messages ?? [], error: data.error };
}

async function inbox(sid: string): Promise<Message[]> {
  const res = await app.request("/api/messages?after=0", { headers: { cookie: `lotse_sid=${sid}` } });
  return ((await res.json()) as { messages: Message[] }).messages;
}

const say = (sid: string, text: string) => post(sid, "/api/messages", { text });
const resume = (sid: string, code: string) => post(sid, "/api/resume", { code });
const codeIn = (messages: Message[]) => {
  const shown = messages.find((m) => m.reply.meta?.kind === RESUME_CODE_KIND);
  expect(shown?.transient, "the code comes with the answer, not from the inbox").toBe(true);
  return textOf(shown!.reply).match(CODE)![0];
};

/** A web volunteer hands a case over; returns their session, the ticket and the code shown. */
async function handOver(): Promise<{ sid: string; ticket: string; code: string }> {
  const sid = browser();
  await say(sid, "/language de");
  await say(sid, "/region berlin-pankow");
  const offer = (await say(sid, CASE)).messages.map((m) => m.reply).findLast((r) => r.meta?.action === "escalate")!;
  const send = offer.buttons!.flat().find((b) => b.style === "primary")!;
  const { messages } = await post(sid, "/api/messages", { button: send.id });
  const ticket = messages.find((m) => m.reply.meta?.ticketId)!.reply.meta!.ticketId!;
  return { sid, ticket, code: codeIn(messages) };
}

/** Every record, index and queued message the store holds, as text. */
function storeDump(): string {
  const db = new Database(join(dataDir, "lotse.sqlite"), { readonly: true });
  try {
    const rows = [
      ...db.prepare("SELECT ns, key, value FROM kv").all(),
      ...db.prepare("SELECT ns, key, member FROM sets").all(),
      ...db.prepare("SELECT payload FROM outbox").all(),
    ];
    return JSON.stringify(rows);
  } finally {
    db.close();
  }
}

const shown = (messages: Message[], text: string) => messages.filter((m) => textOf(m.reply).includes(text)).length;

describe("resume codes of the web chat", () => {
  it("are stored only as a hash, work once, and move the case with its answers to the new browser", async () => {
    const { sid: old, ticket, code } = await handOver();
    await lotse.desk.answer(coordinator, ticket, "Erste Antwort: bitte den Bescheid mitbringen.");
    expect(shown(await inbox(old), "Erste Antwort")).toBe(1);

    const plain = code.replace("-", "");
    const dump = storeDump();
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(plain);
    expect(dump).toContain(createHash("sha256").update(plain).digest("hex"));

    // Another device: a wrong code first, then the right one as typed by hand (lower case, no dash).
    const fresh = browser();
    expect((await resume(fresh, "ABCD-EFGH")).status).toBe(404);
    const resumed = await resume(fresh, plain.toLowerCase());
    expect(resumed.status).toBe(200);
    const texts = resumed.messages.map((m) => textOf(m.reply)).join("\n");
    expect(texts).toContain(`Fall ${ticket}`);
    expect(texts).toContain("Erste Antwort: bitte den Bescheid mitbringen.");
    const next = codeIn(resumed.messages);
    expect(next).not.toBe(code);
    expect((await lotse.tickets.get(ticket))!.origin).toMatchObject({ platform: "web", userId: fresh });
    // The answers so far stay in the new browser's history; the new code does not.
    expect(shown(await inbox(fresh), "Erste Antwort")).toBe(1);
    expect(storeDump()).not.toContain(next.replace("-", ""));

    // Used: refused, in any browser.
    expect((await resume(browser(), code)).status).toBe(404);
    expect((await resume(fresh, code)).status).toBe(404);

    // A later answer reaches the new browser once, and the old one not at all.
    await lotse.desk.answer(coordinator, ticket, "Zweite Antwort: der Termin ist am Montag.", { ref: "answer-2" });
    await lotse.desk.answer(coordinator, ticket, "Zweite Antwort: der Termin ist am Montag.", { ref: "answer-2" });
    expect(shown(await inbox(fresh), "Zweite Antwort")).toBe(1);
    expect(shown(await inbox(old), "Zweite Antwort")).toBe(0);

    // The old browser's buttons no longer act on the case; the new browser's do.
    const oldAnswer = (await inbox(old)).findLast((m) => m.reply.meta?.kind === "coordinator-answer")!;
    const oldFollowUp = oldAnswer.reply.buttons!.flat()[0]!;
    expect(textOf((await post(old, "/api/messages", { button: oldFollowUp.id })).messages.at(-1)!.reply)).toMatch(/abgelaufen/);
    const newAnswer = (await inbox(fresh)).findLast((m) => m.reply.meta?.kind === "coordinator-answer")!;
    const followUp = await post(fresh, "/api/messages", { button: newAnswer.reply.buttons!.flat()[0]!.id });
    expect(textOf(followUp.messages.at(-1)!.reply)).toContain(ticket);

    // The fresh code moves the case again.
    expect((await resume(browser(), next)).status).toBe(200);
  });

  it("gives the code to exactly one of two browsers racing with it", async () => {
    const { ticket, code } = await handOver();
    const [a, b] = [browser(), browser()];
    const results = await Promise.all([resume(a, code), resume(b, code)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 404]);
    const winner = results[0]!.status === 200 ? a : b;
    expect((await lotse.tickets.get(ticket))!.origin.userId).toBe(winner);
  });

  it("limits wrong guesses per browser session", async () => {
    const { code } = await handOver();
    const guesser = browser();
    for (let i = 0; i < RESUME_GUESSES; i++) expect((await resume(guesser, `ZZZZ-ZZZ${i + 2}`)).status).toBe(404);
    // Past the limit even the right code is refused, with its own answer.
    const limited = await resume(guesser, code);
    expect(limited.status).toBe(429);
    expect(limited.error).toBe("limited");
    // Another session is not affected, and the window passes.
    clock.advance(RESUME_GUESS_WINDOW_MS + 1000);
    expect((await resume(guesser, code)).status).toBe(200);
  });

  it("refuses malformed requests with a reason", async () => {
    const sid = browser();
    expect((await post(sid, "/api/resume", {})).status).toBe(400);
    expect((await post(sid, "/api/resume", { code: "x".repeat(100) })).status).toBe(400);
    expect((await post(sid, "/api/resume", { code: "ABCD-EFGH", extra: 1 })).status).toBe(400);
    const wrongType = await app.request("/api/resume", { method: "POST", headers: { "content-type": "text/plain", cookie: `lotse_sid=${sid}` }, body: "ABCD" });
    expect(wrongType.status).toBe(415);
  });

  it("offers the form in every language", async () => {
    for (const lang of ["de", "en", "uk", "ar", "ru", "tr", "fa"]) {
      const res = await app.request(`/api/i18n/${lang}`);
      const { strings } = (await res.json()) as { strings: Record<string, string> };
      for (const key of ["haveCode", "codeLabel", "codeSubmit", "codeInvalid", "codeLimited"]) expect(strings[key], `${lang} web.${key}`).toBeTruthy();
      expect(strings.codeLimited).toContain(String(RESUME_GUESS_WINDOW_MS / 60_000));
    }
  });
});
