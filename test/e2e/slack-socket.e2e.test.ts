// The Slack adapter in Socket Mode (app token, no public URL): real Bolt opens a WebSocket to the
// fake, which pushes events and actions as envelopes instead of signed HTTP requests.
import { afterEach, describe, expect, it } from "vitest";
import { SlackAdapter } from "../../src/adapters/slack/adapter.js";
import { TelegramAdapter } from "../../src/adapters/telegram/adapter.js";
import { FakeSlack, blockAction, commandFields, eventCallback, threadMessage } from "../fakes/slack-api.js";
import { FakeTelegram, type RecordedCall } from "../fakes/telegram-api.js";
import { testLotse } from "../helpers.js";

const NORD = "#lotse-berlin-nord"; // Pankow's team channel in knowledge/contacts.yaml

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup() {
  const telegram = await FakeTelegram.start();
  const slack = await FakeSlack.start({ channels: { [NORD]: ["U_COORD1"] } });
  const { lotse } = await testLotse();
  const tg = new TelegramAdapter(lotse, { token: telegram.token, apiRoot: telegram.apiRoot, throttle: false });
  const sl = new SlackAdapter(lotse, { botToken: slack.botToken, appToken: "xapp-1-test", apiUrl: slack.apiUrl });
  cleanups.push(() => lotse.close());
  cleanups.push(async () => {
    await telegram.stop();
    await slack.stop();
  });
  await tg.start();
  cleanups.push(() => tg.stop());
  await sl.start(); // resolves once the fake said hello
  // Stop the socket client before the fake, or it would see the socket drop and try to reconnect.
  cleanups.push(() => sl.stop());
  return { telegram, slack, lotse };
}

const tgSends = (fake: FakeTelegram, chat: number) => fake.calls.filter((c) => c.method === "sendMessage" && Number(c.body.chat_id) === chat);
const tgKeyboard = (call: RecordedCall) => ((call.body.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat();
const lastTgMessageId = (fake: FakeTelegram, chat: number) => Number((fake.messagesIn(chat).at(-1) as { message_id: number }).message_id);

/** A volunteer on Telegram (region Pankow) hands over a question; the card lands in the region's channel. */
async function handOver(telegram: FakeTelegram, slack: FakeSlack, chat: number) {
  telegram.push(telegram.message({ chatId: chat, userId: chat, text: "/region berlin-pankow", languageCode: "de" }));
  await telegram.waitFor(() => tgSends(telegram, chat).length >= 1);
  telegram.push(telegram.message({ chatId: chat, userId: chat, text: "Herr Yilmaz (Tel. 0176 12345678) hat die Ablehnung vom Jobcenter bekommen. Soll er Widerspruch einlegen?" }));
  // The offer (the general information on the topic may come before it): the message with the hand-over button.
  await telegram.waitFor(() => tgSends(telegram, chat).some((c) => /Diese Frage würde ich weitergeben/.test(String(c.body.text))));
  const offer = tgSends(telegram, chat).find((c) => /Diese Frage würde ich weitergeben/.test(String(c.body.text)))!;
  telegram.push(telegram.callback({ chatId: chat, userId: chat, messageId: lastTgMessageId(telegram, chat), data: tgKeyboard(offer)[0]!.callback_data! }));
  const card = await slack.waitFor((c) => c.method === "chat.postMessage" && c.body.channel === NORD && Array.isArray(c.body.blocks));
  const ticketId = /L-[A-Z0-9]{6}/.exec(JSON.stringify(card.body.blocks))![0];
  return { ts: slack.messagesIn(NORD)[0]!.ts, ticketId };
}

describe("Slack escalation over Socket Mode", () => {
  it("connects with the app token, relays a thread reply to Telegram, claims through a button, answers /lotse", async () => {
    const { telegram, slack, lotse } = await setup();
    await slack.socketConnected();
    const open = await slack.waitFor((c) => c.method === "apps.connections.open");
    expect(open.token).toBe("xapp-1-test");

    const chat = 811;
    const { ts, ticketId } = await handOver(telegram, slack, chat);
    // The fake records chat.postMessage before the adapter stores the card's ts; a reply before that finds no ticket.
    await expect.poll(async () => (await lotse.tickets.get(ticketId))?.external).toBeDefined();

    // A coordinator's reply in the card's thread arrives as an events_api envelope.
    const reply = threadMessage({ userId: "U_COORD1", channelId: NORD, threadTs: ts, text: "Bitte gehen Sie mit dem Bescheid zur Asylverfahrensberatung." });
    await slack.socketEnvelope("events_api", eventCallback(reply, { eventId: "EvSock1" }));
    const relayed = await telegram.waitFor((c) => c.method === "sendMessage" && Number(c.body.chat_id) === chat && /Antwort von/.test(String(c.body.text)));
    expect(String(relayed.body.text)).toContain("Asylverfahrensberatung");
    await expect.poll(async () => (await lotse.tickets.get(ticketId))?.status).toBe("answered");

    // The claim button arrives as an interactive envelope; the card updates in place.
    await slack.socketEnvelope("interactive", blockAction({ userId: "U_COORD1", channelId: NORD, messageTs: ts, actionId: "lotse_claim", value: ticketId }));
    await slack.waitFor((c) => c.method === "chat.update" && JSON.stringify(c.body.blocks).includes("übernommen"));
    await expect.poll(async () => (await lotse.tickets.get(ticketId))?.status).toBe("claimed");

    // A slash command arrives as a slash_commands envelope; the answer goes to its response_url.
    await slack.socketEnvelope("slash_commands", commandFields({ text: "open", user_id: "U_COORD1", channel_id: NORD, response_url: `${slack.apiUrl}response` }));
    const listed = await slack.waitFor((c) => c.method === "response");
    expect(String(listed.body.text)).toContain(ticketId);
  });
});
