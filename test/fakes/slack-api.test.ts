// Checks the Slack fake and the signed-request helpers against real Bolt (HTTP receiver),
// so adapter tests can trust both.
import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  blockAction, FakeSlack, sendAction, sendCommand, sendEvent, signBody, threadMessage, viewSubmission,
} from "./slack-api.js";

const SECRET = "test-signing-secret";
let fake: FakeSlack;
let app: App;
let url: string;
let started: boolean;

beforeEach(async () => {
  // The fake must be up before `new App`: the constructor calls auth.test at once.
  fake = await FakeSlack.start();
  started = false;
  app = new App({
    token: fake.botToken, signingSecret: SECRET, logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
  });
});

afterEach(async () => {
  if (started) await app.stop(); // Bolt rejects stop() on a receiver that never started
  await fake.stop();
});

/** Starts Bolt's HTTP receiver on a free port; call after registering listeners. */
async function startApp(): Promise<void> {
  const server = await app.start({ port: 0, host: "127.0.0.1" });
  started = true;
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
}

describe("FakeSlack with real Bolt", () => {
  it("delivers a signed thread message to app.event and records the reply", async () => {
    const seen: { retryNum?: number; ts?: string } = {};
    app.event("message", async ({ event, client, context }) => {
      if (event.subtype !== undefined || !("thread_ts" in event) || !event.thread_ts) return;
      seen.retryNum = context.retryNum;
      seen.ts = event.ts;
      await client.chat.postMessage({ channel: event.channel, thread_ts: event.thread_ts, text: `Echo: ${event.text ?? ""}`,
        blocks: [{ type: "section", text: { type: "mrkdwn", text: "*Echo*" } }] });
    });
    await startApp();

    const msg = threadMessage({ userId: "U_VOLUNTEER", channelId: "C_BERLIN", threadTs: "1699999999.000100", text: "Hallo" });
    expect(await sendEvent(url, SECRET, msg, { eventId: "Ev1", retryNum: 1 })).toBe(200);
    const call = await fake.waitFor((c) => c.method === "chat.postMessage");

    expect(call.token).toBe("xoxb-test-token");
    expect(call.body).toMatchObject({ channel: "C_BERLIN", thread_ts: "1699999999.000100", text: "Echo: Hallo" });
    expect(call.body.blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: "*Echo*" } }]); // parsed, not a JSON string
    expect(seen).toEqual({ retryNum: 1, ts: msg.ts });
    expect(fake.messagesIn("C_BERLIN")).toMatchObject([{ ts: "1700000000.000100", thread_ts: "1699999999.000100", text: "Echo: Hallo", user: "U_LOTSE" }]);
    expect(fake.calls[0]?.method).toBe("auth.test");
  });

  it("acks a block action and lets the handler update the message and open a modal", async () => {
    app.action("claim", async ({ ack, body, action, client }) => {
      await ack();
      if (body.type !== "block_actions" || action.type !== "button" || !body.channel || !body.message) return;
      await client.chat.update({ channel: body.channel.id, ts: body.message.ts, text: `claimed ${action.value ?? ""}` });
      await client.views.open({ trigger_id: body.trigger_id, view: { type: "modal", callback_id: "handover", title: { type: "plain_text", text: "Übergabe" }, blocks: [] } });
    });
    await startApp();
    const posted = await app.client.chat.postMessage({ channel: "C_BAYERN", text: "Neue Anfrage" });
    expect(posted.ts).toBe("1700000000.000100");

    const payload = blockAction({ userId: "U_COORD2", channelId: "C_BAYERN", messageTs: posted.ts!, actionId: "claim", value: "case-7", triggerId: "trig-1" });
    expect(await sendAction(url, SECRET, payload)).toBe(200);
    const open = await fake.waitFor((c) => c.method === "views.open");

    expect(open.body).toMatchObject({ trigger_id: "trig-1", view: { callback_id: "handover", title: { text: "Übergabe" } } });
    expect(fake.messagesIn("C_BAYERN")).toMatchObject([{ ts: posted.ts, text: "claimed case-7" }]);
  });

  it("passes a view submission to app.view", async () => {
    let got: { metadata: string; note?: string | null; choice?: string | undefined } | undefined;
    app.view("handover", async ({ ack, view }) => {
      got = { metadata: view.private_metadata, note: view.state.values.note?.input?.value, choice: view.state.values.who?.pick?.selected_option?.value };
      await ack();
    });
    await startApp();

    const payload = viewSubmission({ userId: "U_COORD1", callbackId: "handover", privateMetadata: '{"case":7}', values: {
      note: { input: { type: "plain_text_input", value: "Rückruf morgen" } },
      who: { pick: { type: "static_select", selected_option: { value: "U_COORD3" } } },
    } });
    expect(await sendAction(url, SECRET, payload)).toBe(200);
    expect(got).toEqual({ metadata: '{"case":7}', note: "Rückruf morgen", choice: "U_COORD3" });
  });

  it("passes a slash command to app.command", async () => {
    app.command("/lotse", async ({ ack, command, client }) => {
      await ack();
      await client.chat.postEphemeral({ channel: command.channel_id, user: command.user_id, text: `Du fragtest: ${command.text}` });
    });
    await startApp();

    expect(await sendCommand(url, SECRET, { command: "/lotse", text: "Kita Anmeldung & Fristen", user_id: "U_VOLUNTEER" })).toBe(200);
    const call = await fake.waitFor((c) => c.method === "chat.postEphemeral");
    expect(call.body).toMatchObject({ channel: "C_BERLIN", user: "U_VOLUNTEER", text: "Du fragtest: Kita Anmeldung & Fristen" });
    expect(fake.messagesIn("C_BERLIN")).toEqual([]);
  });

  it("answers 401 to a bad, a missing and a stale signature, without running the handler", async () => {
    let handled = 0;
    app.event("message", async () => { handled++; });
    await startApp();
    const msg = threadMessage({ userId: "U_VOLUNTEER", channelId: "C_BERLIN", threadTs: "1700000000.000100", text: "x" });

    expect(await sendEvent(url, SECRET, msg, { signature: signBody("wrong-secret", "{}")["x-slack-signature"] })).toBe(401);
    expect(await sendEvent(url, SECRET, msg, { signature: null })).toBe(401);
    expect(await sendEvent(url, SECRET, msg, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).toBe(401);
    expect(await sendAction(url, "wrong-secret", blockAction({ userId: "U", channelId: "C_BERLIN", messageTs: "1.1", actionId: "a", value: "v" }))).toBe(401);
    expect(await sendEvent(url, SECRET, msg)).toBe(200); // the same event, properly signed
    await expect.poll(() => handled).toBe(1);
  });
});

describe("FakeSlack Web API", () => {
  it("rejects a wrong token and fails on request", async () => {
    await expect(app.client.auth.test({ token: "xoxb-wrong" })).rejects.toMatchObject({ data: { ok: false, error: "invalid_auth" } });
    fake.failNext("chat.postMessage", "ratelimited", 2);
    for (let i = 0; i < 2; i++) {
      await expect(app.client.chat.postMessage({ channel: "C_BERLIN", text: "x" })).rejects.toMatchObject({ data: { error: "ratelimited" } });
    }
    await expect(app.client.chat.postMessage({ channel: "C_BERLIN", text: "x" })).resolves.toMatchObject({ ok: true, channel: "C_BERLIN" });
  });

  it("keeps ts increasing and applies update and delete", async () => {
    const a = await app.client.chat.postMessage({ channel: "C_BERLIN", text: "a" });
    const b = await app.client.chat.postMessage({ channel: "C_BERLIN", text: "b" });
    expect([a.ts, b.ts]).toEqual(["1700000000.000100", "1700000000.000200"]);
    await app.client.chat.update({ channel: "C_BERLIN", ts: b.ts!, text: "b2" });
    await app.client.chat.delete({ channel: "C_BERLIN", ts: a.ts! });
    expect(fake.messagesIn("C_BERLIN")).toMatchObject([{ ts: b.ts, text: "b2" }]);
    await expect(app.client.chat.update({ channel: "C_BERLIN", ts: a.ts!, text: "gone" })).rejects.toMatchObject({ data: { error: "message_not_found" } });
  });

  it("answers members, channel, user, view and reaction look-ups", async () => {
    expect((await app.client.conversations.members({ channel: "C_ZENTRALE" })).members).toEqual(["U_COORD3"]);
    expect((await app.client.conversations.info({ channel: "C_BERLIN" })).channel).toMatchObject({ id: "C_BERLIN", is_member: true });
    expect((await app.client.users.info({ user: "U_COORD1" })).user).toMatchObject({ id: "U_COORD1", real_name: expect.any(String) });
    const opened = await app.client.views.open({ trigger_id: "t", view: { type: "modal", title: { type: "plain_text", text: "A" }, blocks: [] } });
    const updated = await app.client.views.update({ view_id: opened.view!.id!, view: { type: "modal", title: { type: "plain_text", text: "B" }, blocks: [] } });
    expect(updated.view).toMatchObject({ id: opened.view!.id, title: { text: "B" } });
    await expect(app.client.reactions.add({ channel: "C_BERLIN", timestamp: "1.1", name: "eyes" })).resolves.toMatchObject({ ok: true });
    await expect(app.client.conversations.members({ channel: "C_NOPE" })).rejects.toMatchObject({ data: { error: "channel_not_found" } });
  });

  it("hang() holds only the next call of a method until release(); threadMessage() can carry a parent, a subtype and files", async () => {
    fake.hang("conversations.members");
    const held = app.client.conversations.members({ channel: "C_BERLIN" });
    await expect.poll(() => fake.hanging).toBe(1);
    await expect(app.client.conversations.members({ channel: "C_BERLIN" })).resolves.toMatchObject({ ok: true });
    fake.release();
    await expect(held).resolves.toMatchObject({ ok: true, members: ["U_COORD1"] });
    expect(fake.hanging).toBe(0);
    const shared = threadMessage({ userId: "U_COORD1", channelId: "C_BERLIN", threadTs: "1.1", text: "x", parentUserId: "U_LOTSE", subtype: "file_share", files: ["a.pdf"] });
    expect(shared).toMatchObject({ parent_user_id: "U_LOTSE", subtype: "file_share", files: [{ name: "a.pdf" }] });
    expect(threadMessage({ userId: "U_COORD1", channelId: "C_BERLIN", threadTs: "1.1", text: "x" })).not.toHaveProperty("subtype");
  });
});

describe("FakeSlack outages", () => {
  const post = () => app.client.chat.postMessage({ channel: "C_BERLIN", text: "x" });
  // Bolt's constructor calls auth.test; let it be answered before the fake goes down (else its rejection is unhandled).
  beforeEach(async () => {
    await fake.waitFor((c) => c.method === "auth.test");
    await post();
    fake.calls.length = 0;
  });

  it("goDown() answers an HTTP error (JSON or an HTML page) or Slack's own {ok:false} until comeBack()", async () => {
    fake.goDown({ status: 503, html: true });
    await expect(post()).rejects.toMatchObject({ code: "slack_webapi_http_error", statusCode: 503 });
    fake.goDown();
    await expect(post()).rejects.toMatchObject({ code: "slack_webapi_http_error", statusCode: 500 });
    fake.goDown({ error: "service_unavailable" });
    await expect(post()).rejects.toMatchObject({ code: "slack_webapi_platform_error", data: { error: "service_unavailable" } });
    expect(fake.messagesIn("C_BERLIN")).toHaveLength(1); // only the one from before the outage
    expect(fake.calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(3);
    await fake.comeBack();
    await expect(post()).resolves.toMatchObject({ ok: true });
    expect(fake.messagesIn("C_BERLIN")).toHaveLength(2);
  });

  it("refuseConnections() makes web-api fail with a request error; the same client works after comeBack()", async () => {
    await fake.refuseConnections(); // the kept-alive connection from beforeEach is dropped too
    const refused = await post().catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "slack_webapi_request_error" });
    expect(String((refused as { original?: unknown }).original)).toMatch(/fetch failed|ECONNREFUSED/);
    await fake.comeBack();
    await expect(post()).resolves.toMatchObject({ ok: true });
    expect(fake.messagesIn("C_BERLIN")).toHaveLength(2);
  });
});
