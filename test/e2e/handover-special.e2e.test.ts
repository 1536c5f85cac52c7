import { describe, expect, it } from "vitest";
import { SLACK_EVENTS_PATH, SlackAdapter } from "../../src/adapters/slack/adapter.js";
import type { Button, Reply } from "../../src/core/message.js";
import { listen } from "../../src/http/server.js";
import { createHttpApp } from "../../src/adapters/index.js";
import { FakeSlack, type SlackCall } from "../fakes/slack-api.js";
import { deskRequest, signedIn } from "../adapters/desk/helpers.js";
import { testLotse, textOf } from "../helpers.js";
import { cleanupsAfterEach } from "./privacy-fixtures.js";

/**
 * Special categories (DSGVO Art. 9) end to end: a volunteer in the web chat (over HTTP, as the page
 * does) hands over a question with a diagnosis. The preview shows it generalised; the ticket reaches
 * the coordinators' Slack channel (the real Bolt app against the local Slack fake) and the web desk
 * without it. A second hand-over, where the volunteer presses "keep", reaches both with it, marked.
 */

const onCleanup = cleanupsAfterEach();
const SECRET = "slack-signing-secret-for-special-tests";
const NORD = "#lotse-berlin-nord"; // Pankow's team channel in knowledge/contacts.yaml
const QUESTION = "Frau Haddad hat Epilepsie und bekommt keinen Termin beim Neurologen, kann mir jemand helfen?";
const SESSION = "special-volunteer-aaaaaaaaaaaaaaaa";

interface PageMessage {
  seq: number;
  reply: Reply;
}

async function setup() {
  const slack = await FakeSlack.start({ channels: { [NORD]: ["U_COORD1"] } });
  // No stand-in desk: hand-overs are seen by the real Slack channel and the real web desk only.
  const { lotse } = await testLotse({ noDesk: true });
  const adapter = new SlackAdapter(lotse, { botToken: slack.botToken, signingSecret: SECRET, apiUrl: slack.apiUrl });
  const app = createHttpApp(lotse, (http) => http.post(SLACK_EVENTS_PATH, adapter.eventsHandler()));
  const { server, port } = await listen(app, 0, "127.0.0.1");
  await adapter.start();
  onCleanup(async () => {
    await lotse.close(0);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await slack.stop();
  });
  const { cookie } = await signedIn(app, lotse, ["berlin"]);
  let seen = 0;
  /** The web chat page: posts text or a button press with its session cookie, gets the new messages. */
  const page = async (body: { text: string } | { button: string }): Promise<Reply[]> => {
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `lotse_sid=${SESSION}` },
      body: JSON.stringify({ ...body, after: seen }),
    });
    expect(res.status).toBe(200);
    const { messages } = (await res.json()) as { messages: PageMessage[] };
    seen = Math.max(seen, ...messages.map((m) => m.seq));
    return messages.map((m) => m.reply);
  };
  return { slack, lotse, desk: deskRequest(app, cookie), page };
}

type Setup = Awaited<ReturnType<typeof setup>>;
const buttons = (replies: Reply[]): Button[] => replies.flatMap((r) => (r.buttons ?? []).flat());
/** What the preview says would be sent: the note after "Diese Frage würde ich weitergeben:". */
function willSend(preview: Reply, heading: string): string {
  const at = preview.blocks.findIndex((b) => b.type === "paragraph" && b.spans.some((s) => s.text === heading));
  const note = preview.blocks[at + 1];
  expect(note?.type).toBe("note");
  return note!.type === "note" ? note!.spans.map((s) => s.text).join("") : "";
}

/** The question asked in the chat, up to the preview (through "ask my contact person" if Lotse answers first). */
async function preview({ lotse, page }: Setup): Promise<Reply> {
  const t = (key: string) => lotse.t("de", key);
  let replies = await page({ text: QUESTION });
  if (!buttons(replies).some((b) => b.label === t("buttons.sendToContact"))) {
    const ask = buttons(replies).find((b) => b.label === t("buttons.askContact"));
    expect(ask, "the answer offers the contact person").toBeDefined();
    replies = await page({ button: ask!.id });
  }
  return replies.find((r) => buttons([r]).some((b) => b.label === t("buttons.sendToContact")))!;
}

/** Presses "send" on a preview; the ticket's card in the channel and the ticket at the web desk. */
async function send(env: Setup, shown: Reply, cardsBefore: number) {
  const { lotse, slack, page, desk } = env;
  await page({ button: buttons([shown]).find((b) => b.style === "primary")!.id });
  const cards = () => slack.calls.filter((c: SlackCall) => c.method === "chat.postMessage" && c.body.channel === NORD && Array.isArray(c.body.blocks));
  // Slack takes one message a second per channel: a second card may wait for it.
  await expect.poll(() => cards().length, { timeout: 10_000 }).toBe(cardsBefore + 1);
  const card = JSON.stringify(cards().at(-1)!.body.blocks);
  const ticketId = /L-[A-Z0-9]{6}/.exec(card)![0];
  const listed = (await (await desk.get("/desk/api/tickets")).json()) as { tickets: { id: string; special: boolean }[] };
  const res = await desk.get(`/desk/api/tickets/${ticketId}`);
  expect(res.status).toBe(200);
  const atDesk = (await res.json()) as { ticket: { question: string; special: boolean } };
  return { card, atDesk: atDesk.ticket, listed: listed.tickets.find((t) => t.id === ticketId), ticket: (await lotse.tickets.get(ticketId))! };
}

describe("a hand-over with a diagnosis", () => {
  it("reaches Slack and the web desk generalised, and with the diagnosis, marked, only after the volunteer pressed keep", { timeout: 120_000 }, async () => {
    const env = await setup();
    const { lotse, page } = env;
    const t = (key: string, options?: Record<string, unknown>) => lotse.t("de", key, options);
    await page({ text: "/language de" });
    await page({ text: "/region berlin-pankow" });

    // (1) The default: the preview shows the diagnosis generalised, and tells the volunteer which detail and how to keep it.
    const first = await preview(env);
    const generalised = willSend(first, t("handover.willSend"));
    expect(generalised).not.toMatch(/Epilepsie|Haddad/);
    expect(generalised).toContain("Erkrankung");
    expect(textOf(first)).toContain(t("handover.specialGeneralised", { details: "„Epilepsie“" }));
    expect(buttons([first]).some((b) => b.label === t("buttons.keepSpecial"))).toBe(true);

    const plain = await send(env, first, 0);
    expect(plain.card).not.toMatch(/Epilepsie|Haddad/);
    expect(plain.card).toContain("Erkrankung");
    expect(plain.card).not.toContain(t("slack.special"));
    expect(plain.atDesk.question).not.toMatch(/Epilepsie|Haddad/);
    expect(plain.atDesk.question).toContain("Erkrankung");
    expect(plain.atDesk.special).toBe(false);
    expect(plain.listed?.special).toBe(false);
    expect(JSON.stringify(plain.ticket)).not.toContain("Epilepsie"); // nowhere in the stored ticket either

    // (2) The same question; this time the volunteer decides the coordinator needs the diagnosis.
    const second = await preview(env);
    const kept = (await page({ button: buttons([second]).find((b) => b.label === t("buttons.keepSpecial"))!.id })).at(-1)!;
    expect(willSend(kept, t("handover.willSend"))).toContain("Epilepsie");
    expect(willSend(kept, t("handover.willSend"))).not.toContain("Haddad"); // the name stays redacted
    expect(textOf(kept)).toContain(t("handover.specialKept", { details: "„Epilepsie“" }));

    const marked = await send(env, kept, 1);
    expect(marked.ticket.id).not.toBe(plain.ticket.id);
    expect(marked.card).toContain("Epilepsie");
    expect(marked.card).not.toContain("Haddad");
    expect(marked.card).toContain(t("slack.special"));
    expect(marked.atDesk.question).toContain("Epilepsie");
    expect(marked.atDesk.special).toBe(true);
    expect(marked.listed?.special).toBe(true);
  });
});
