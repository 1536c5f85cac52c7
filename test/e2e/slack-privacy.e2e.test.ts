import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { SLACK_EVENTS_PATH, SlackAdapter } from "../../src/adapters/slack/adapter.js";
import { ERASE_ACTION } from "../../src/adapters/slack/erase-confirmation.js";
import type { Lotse } from "../../src/app.js";
import { ERASED_ACTOR, exportCoordinatorData, type CoordinatorDataExport } from "../../src/escalation/coordinator-data.js";
import type { Ticket } from "../../src/escalation/tickets.js";
import { listen } from "../../src/http/server.js";
import { createHttpApp } from "../../src/adapters/index.js";
import { FakeSlack, blockAction, sendAction, sendCommand, sendEvent, threadMessage, type SlackCall } from "../fakes/slack-api.js";
import { address, buttonsOf, press, testLotse, text } from "../helpers.js";
import { OPERATOR_ENV, cleanupsAfterEach } from "./privacy-fixtures.js";

// `/lotse privacy|my_data|delete_me` and the erase button, as signed requests to the real Bolt app.

const onCleanup = cleanupsAfterEach();
const SECRET = "slack-signing-secret-for-privacy-tests";
const TEAM = "#lotse-zentrale"; // the default contact's channel: volunteers without a region land there
const [COORD, COLLEAGUE] = ["U_COORD1", "U_COORD2"];

/** `seed` runs before the adapter exists: tickets made there get no Slack card. */
async function setup(seed?: (lotse: Lotse) => Promise<void>) {
  const slack = await FakeSlack.start({ channels: { [TEAM]: [COORD, COLLEAGUE] } });
  const { lotse } = await testLotse({ env: OPERATOR_ENV });
  onCleanup(() => lotse.close());
  await seed?.(lotse);
  const adapter = new SlackAdapter(lotse, { botToken: slack.botToken, signingSecret: SECRET, apiUrl: slack.apiUrl });
  const { server, port } = await listen(createHttpApp(lotse, (http) => http.post(SLACK_EVENTS_PATH, adapter.eventsHandler())), 0, "127.0.0.1");
  await adapter.start();
  onCleanup(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await slack.stop();
  });
  return { slack, lotse, url: `http://127.0.0.1:${port}${SLACK_EVENTS_PATH}` };
}

type Setup = Awaited<ReturnType<typeof setup>>;
/** What Lotse sent to a response_url (Bolt's respond()); the fake serves them at /api/response. */
const responses = (slack: FakeSlack) => slack.calls.filter((c) => c.method === "response").map((c) => c.body);

/**
 * `/lotse <text>` as `user`; returns what Lotse sent back through the response_url. The adapter
 * answers the HTTP request only after its handler ran, so those messages are all there by then.
 */
async function lotseCommand({ slack, url }: Setup, user: string, commandText: string) {
  const before = responses(slack).length;
  expect(await sendCommand(url, SECRET, { command: "/lotse", text: commandText, user_id: user, channel_id: TEAM, response_url: `${slack.apiUrl}response` })).toBe(200);
  return responses(slack).slice(before) as { text: string; response_type?: string; blocks?: unknown[] }[];
}

/**
 * The erase button pressed by `user` on the ephemeral `/lotse delete_me` answer (Slack sends the
 * container then, no `message`). `responseUrl: null` leaves it out; `inChannel: false` comes from
 * a surface without a channel.
 */
function eraseAction(slack: FakeSlack, user: string, options: { responseUrl?: string | null; inChannel?: boolean } = {}) {
  const { message: _message, channel, response_url: _url, ...rest } = blockAction({ userId: user, channelId: TEAM, messageTs: "1700000000.000100", actionId: ERASE_ACTION, value: "me" });
  const responseUrl = options.responseUrl === undefined ? `${slack.apiUrl}response` : options.responseUrl;
  return {
    ...rest,
    ...(options.inChannel === false ? { container: { type: "view", view_id: "V_FAKE" } }
      : { channel, container: { type: "message", message_ts: "1700000000.000100", channel_id: TEAM, is_ephemeral: true } }),
    ...(responseUrl ? { response_url: responseUrl } : {}),
  };
}

const unescape = (mrkdwn: string) => mrkdwn.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
/** The export, put back together from the code blocks of its messages. */
function exportFrom(messages: { text: string }[]): CoordinatorDataExport {
  const blocks = messages.map((m) => /```([^`]*)```$/.exec(m.text)?.[1]);
  expect(blocks.every((b) => b !== undefined)).toBe(true); // each message holds one complete code block
  return JSON.parse(unescape(blocks.join(""))) as CoordinatorDataExport;
}

/** A web volunteer (no region) hands a question over: a ticket with its card in TEAM. */
async function ticketFromVolunteer(lotse: Lotse, who: string): Promise<Ticket> {
  const me = address(who);
  const offer = (await lotse.receive(text(me, "Kann ich bitte mit einem Menschen sprechen? Es geht um einen Brief vom Sozialamt."))).at(-1)!;
  await lotse.receive(press(me, buttonsOf(offer).find((b) => b.style === "primary")!.id));
  const id = (await lotse.tickets.all()).find((t) => t.origin.userId === who)!.id;
  // The card's ts is saved when the fake's answer arrives, just after it recorded the call. Cards to one
  // channel leave at most one a second (Slack's limit), so a second ticket's card takes a moment.
  await expect.poll(async () => (await lotse.tickets.get(id))?.external, { timeout: 10_000 }).toBeDefined();
  return (await lotse.tickets.get(id))!;
}

/** Tickets claimed by `user`, made directly in the core (the subject here is the export, not how they came about). */
async function claimedTickets(lotse: Lotse, user: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const ticket = await lotse.tickets.create({ question: "Frage", topic: null, region: null, lang: "de", origin: address(`v${i}`), priority: "normal" });
    await lotse.tickets.transition(ticket.id, "claimed", user, { claimedBy: user });
  }
}

/** Who claimed the ticket and who changed its state (without the volunteer who opened it). */
/** A port on 127.0.0.1 that was free a moment ago and is closed now: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const actorsOf = (ticket: Ticket | undefined) => [ticket?.claimedBy, ...(ticket?.history ?? []).map((h) => h.by)].filter((by) => by !== "volunteer");

describe("privacy commands on Slack", () => {
  it("/lotse privacy names the configured operator, contact and retention, only to the caller", async () => {
    const env = await setup();
    const [answer] = await lotseCommand(env, COORD, "privacy");
    expect(answer!.response_type).toBe("ephemeral");
    expect(answer!.text).toContain(OPERATOR_ENV.OPERATOR_NAME);
    expect(answer!.text).toContain(OPERATOR_ENV.OPERATOR_CONTACT);
    expect(answer!.text).toContain(`${OPERATOR_ENV.TICKET_RETENTION_DAYS} Tage nach Abschluss`);
    expect(answer!.text.split("\n").length, "real line breaks, not a literal backslash-n").toBeGreaterThan(3);
    expect(answer!.text).not.toContain("\\n");
  });

  it("exports a coordinator's tickets and replaces their id only when they confirm, signed as themselves", async () => {
    const env = await setup();
    const { slack, lotse, url } = env;
    const mine = await ticketFromVolunteer(lotse, "volunteer-a");
    const theirs = await ticketFromVolunteer(lotse, "volunteer-b");
    const act = (user: string, actionId: string, ticket: Ticket) =>
      sendAction(url, SECRET, blockAction({ userId: user, channelId: TEAM, messageTs: ticket.external!.ref, actionId, value: ticket.id }));
    expect(await act(COORD, "lotse_claim", mine)).toBe(200);
    expect(await sendEvent(url, SECRET, threadMessage({ userId: COORD, channelId: TEAM, threadTs: mine.external!.ref, text: "Bitte bringen Sie den Brief am Dienstag mit." }))).toBe(200);
    expect(await act(COORD, "lotse_faq", mine)).toBe(200);
    expect(await act(COLLEAGUE, "lotse_claim", theirs)).toBe(200);
    await expect.poll(async () => (await lotse.tickets.get(mine.id))?.status).toBe("answered");

    const [exported] = await lotseCommand(env, COORD, "my_data");
    expect(exported!.response_type).toBe("ephemeral");
    const data = exportFrom([exported!]);
    expect(data.user).toEqual({ platform: "slack", userId: COORD });
    expect(data.tickets).toEqual([{ id: mine.id, claimed: true, actions: [expect.objectContaining({ status: "claimed" }), expect.objectContaining({ status: "answered" })] }]);
    expect(data.faqDrafts.map((d) => d.ticket)).toEqual([mine.id]);
    expect(exported!.text).not.toContain(theirs.id);

    // The button sits behind Slack's own confirmation dialog.
    const [confirmation] = await lotseCommand(env, COORD, "delete_me");
    expect(confirmation!.response_type).toBe("ephemeral");
    const button = (confirmation!.blocks as { elements?: { action_id?: string }[] }[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id === ERASE_ACTION);
    expect(button).toMatchObject({ type: "button", style: "danger", confirm: { title: { text: expect.any(String) }, text: { text: expect.any(String) }, confirm: { text: expect.any(String) }, deny: { text: expect.any(String) } } });

    // Not signed, signed wrongly, or too old: refused before any handler runs.
    const press = eraseAction(slack, COORD);
    expect(await sendAction(url, SECRET, press, { signature: null })).toBe(401);
    expect(await sendAction(url, SECRET, press, { signature: "v0=deadbeef" })).toBe(401);
    expect(await sendAction(url, "another-secret", press)).toBe(401);
    expect(await sendAction(url, SECRET, press, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).toBe(401);
    // A colleague pressing it (signed as the colleague) replaces only the colleague's id.
    expect(await sendAction(url, SECRET, eraseAction(slack, COLLEAGUE))).toBe(200);
    expect(actorsOf(await lotse.tickets.get(theirs.id))).toEqual([ERASED_ACTOR, ERASED_ACTOR]); // claimedBy, claimed
    expect(actorsOf(await lotse.tickets.get(mine.id))).toEqual([COORD, COORD, COORD]); // claimedBy, claimed, answered

    expect(await sendAction(url, SECRET, press)).toBe(200);
    const erased = (await lotse.tickets.get(mine.id))!;
    expect(actorsOf(erased)).toEqual([ERASED_ACTOR, ERASED_ACTOR, ERASED_ACTOR]);
    expect(erased.messages.at(-1)).toMatchObject({ from: "coordinator", text: "Bitte bringen Sie den Brief am Dienstag mit." }); // the answer stays with the case
    expect(await lotse.store.ns("drafts").get(mine.id)).toMatchObject({ by: ERASED_ACTOR });
    expect(responses(slack).at(-1)).toMatchObject({ response_type: "ephemeral", replace_original: true, text: expect.stringMatching(/in einem Vorgang ersetzt/) });

    const [after] = await lotseCommand(env, COORD, "my_data");
    expect(exportFrom([after!])).toMatchObject({ tickets: [], faqDrafts: [] });
  });

  it("erases without a response_url (or with a dead one) and tells the user in the channel, if there is one", async () => {
    const [NO_URL, DEAD_URL, NOWHERE] = ["U_NO_URL", "U_DEAD_URL", "U_NOWHERE"];
    const { slack, lotse, url } = await setup(async (lotse) => {
      for (const user of [NO_URL, DEAD_URL, NOWHERE]) await claimedTickets(lotse, user, 1);
    });
    const notices = () => slack.calls.filter((c: SlackCall) => c.method === "chat.postEphemeral");
    const stillActing = async (user: string) => (await lotse.tickets.all()).some((t) => actorsOf(t).includes(user));

    expect(await sendAction(url, SECRET, eraseAction(slack, NO_URL, { responseUrl: null }))).toBe(200);
    expect(await stillActing(NO_URL)).toBe(false);
    expect(notices().map((c) => c.body)).toEqual([expect.objectContaining({ channel: TEAM, user: NO_URL, text: expect.stringMatching(/in einem Vorgang ersetzt/) })]);

    // A response_url nobody answers at (a closed port): respond() throws, the notice goes to the channel.
    expect(await sendAction(url, SECRET, eraseAction(slack, DEAD_URL, { responseUrl: `http://127.0.0.1:${await closedPort()}/gone` }))).toBe(200);
    expect(await stillActing(DEAD_URL)).toBe(false);
    expect(notices().at(-1)?.body).toMatchObject({ channel: TEAM, user: DEAD_URL });

    // Neither a response_url nor a channel: erased all the same, without a message.
    expect(await sendAction(url, SECRET, eraseAction(slack, NOWHERE, { responseUrl: null, inChannel: false }))).toBe(200);
    expect(await stillActing(NOWHERE)).toBe(false);
    expect(notices()).toHaveLength(2);
  });

  // 60 tickets fill three readable messages; 400 need the five a response_url takes, larger ones;
  // 1,500 exceed five messages at Slack's size limit, so the rest follow as ephemeral bot messages.
  it.each([
    { tickets: 60, responded: 3, maxLength: 4_000, overflow: false },
    { tickets: 400, responded: 5, maxLength: 40_000, overflow: false },
    { tickets: 1_500, responded: 5, maxLength: 40_000, overflow: true },
  ])("/lotse my_data sends all of $tickets tickets, in messages Slack accepts", async ({ tickets, responded, maxLength, overflow }) => {
    const BUSY = "U_BUSY";
    const env = await setup((lotse) => claimedTickets(lotse, BUSY, tickets));
    const notices = () => env.slack.calls.filter((c) => c.method === "chat.postEphemeral").map((c) => c.body as { text: string; user: string });
    const messages = await lotseCommand(env, BUSY, "my_data");
    expect(messages).toHaveLength(responded);
    expect(notices().length > 0).toBe(overflow);
    expect(notices().every((n) => n.user === BUSY)).toBe(true);
    const all = [...messages, ...notices()];
    expect(all.every((m) => m.text.length <= maxLength)).toBe(true);
    const data = exportFrom(all);
    expect(data.tickets).toHaveLength(tickets);
    expect(data).toEqual(await exportCoordinatorData(env.lotse, "slack", BUSY));
  });
});
