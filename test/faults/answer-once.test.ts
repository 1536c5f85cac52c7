// Issue 13, case 1 (one instance, SQLite): a coordinator's answer reaches the volunteer exactly
// once however Slack repeats it — retries (x-slack-retry-num 1, 2, 3) while a slow first handling
// still runs, retries to a process restarted after kill -9 between queueing and delivering, and a
// replayed modal submission. Before the fix the answer arrived 2–3 times: the event was marked seen
// only after the handler, the relay had no dedupe key, and view submissions were not deduplicated.
import { describe, expect, it } from "vitest";
import { blockAction, sendAction, viewSubmission } from "../fakes/slack-api.js";
import { until } from "../process-harness.js";
import { COORDINATOR, NORD, Rig, SLACK_SECRET, WAIT, cleanupsAfterEach } from "./rig.js";

const cleanup = cleanupsAfterEach();
const SLOW = { timeout: 120_000 };

describe("a coordinator's answer, repeated by Slack, reaches the volunteer once", SLOW, () => {
  it("Slack retries 1, 2, 3 while the first handling still waits for Slack's API: one relay, stored once", async () => {
    const rig = await Rig.open(cleanup);
    const lotse = await rig.start();
    const chat = 1101;
    const { ticketId, ts } = await rig.handOver(lotse, chat);

    const answer = "Antwort-1101: Bitte mit dem Bescheid zur Asylverfahrensberatung gehen.";
    const event = rig.threadReply(ts, answer);
    // The first handling asks Slack who may act in the channel; that call hangs, so Slack's 3 s pass
    // without an acknowledgement and it retries, at once and with growing numbers.
    rig.slack.hang("conversations.members");
    const first = rig.reply(lotse, event, { eventId: "EvOnce1" });
    await until(() => rig.slack.hanging === 1, "the first handling to wait for Slack", WAIT);
    const retries = await Promise.all([1, 2, 3].map((retryNum) => rig.reply(lotse, event, { eventId: "EvOnce1", retryNum })));
    expect(retries).toEqual([200, 200, 200]);
    rig.slack.release();
    expect(await first).toBe(200);
    await rig.idle(lotse);

    expect(rig.shown(chat, "Antwort-1101")).toHaveLength(1);
    expect(rig.sends(chat, "Antwort-1101")).toHaveLength(1);
    expect(await rig.stored(ticketId, "Antwort-1101")).toBe(1);
    // Late retries, after the answer went out: nothing more.
    for (const retryNum of [1, 2, 3]) expect(await rig.reply(lotse, event, { eventId: "EvOnce1", retryNum })).toBe(200);
    await rig.idle(lotse);
    expect(rig.sends(chat, "Antwort-1101")).toHaveLength(1);
    expect(await rig.stored(ticketId, "Antwort-1101")).toBe(1);
  });

  it("kill -9 between queueing and delivering, Slack retries to the restarted process: one relay, stored once", async () => {
    const rig = await Rig.open(cleanup);
    const before = await rig.start();
    const chat = 1102;
    const { ticketId, ts } = await rig.handOver(before, chat);

    const event = rig.threadReply(ts, "Antwort-1102: Die Frist beträgt einen Monat ab Zugang.");
    rig.telegram.hang("sendMessage"); // Telegram accepts the relay's request and never answers
    expect(await rig.reply(before, event, { eventId: "EvOnce2" })).toBe(200); // acknowledged: the relay is queued
    await until(() => rig.telegram.hanging === 1, "the relay's send to hang", WAIT);
    await rig.crash(before);
    // The dead process's request: its connection closed, so Telegram never handled it.
    await until(() => rig.telegram.abandoned === 1, "the held send to be abandoned", WAIT);
    expect(rig.shown(chat, "Antwort-1102")).toHaveLength(0);

    // Slack did not get its answer in time from the dead process's point of view: it retries, to the new one.
    const after = await rig.start();
    const retries = await Promise.all([1, 2, 3].map((retryNum) => rig.reply(after, event, { eventId: "EvOnce2", retryNum })));
    expect(retries).toEqual([200, 200, 200]);
    await until(() => rig.shown(chat, "Antwort-1102").length > 0, "the answer after the restart", WAIT);
    await rig.idle(after);

    expect(rig.shown(chat, "Antwort-1102")).toHaveLength(1);
    expect(rig.sends(chat, "Antwort-1102")).toHaveLength(2); // the abandoned attempt and the delivery
    expect(await rig.stored(ticketId, "Antwort-1102")).toBe(1);
  });

  it("a modal submission replayed (same view id) at once, and after kill -9 and a restart: one relay, one thread note, stored once", async () => {
    const rig = await Rig.open(cleanup);
    const before = await rig.start();
    const chat = 1103;
    const { ticketId, ts } = await rig.handOver(before, chat);
    const url = (p: { url: string }) => `${p.url}/slack/events`;

    expect(await sendAction(url(before), SLACK_SECRET, blockAction({ userId: COORDINATOR, channelId: NORD, messageTs: ts, actionId: "lotse_answer", value: ticketId }))).toBe(200);
    const opened = await rig.slack.waitFor((c) => c.method === "views.open", WAIT);
    const view = opened.body.view as { private_metadata: string; callback_id: string };
    const submission = viewSubmission({ userId: COORDINATOR, callbackId: view.callback_id, privateMetadata: view.private_metadata, viewId: "VREPLAY1103",
      values: { answer: { text: { type: "plain_text_input", value: "Antwort-1103: Bringen Sie den Bescheid am Dienstag mit." } } } });
    const statuses = await Promise.all([0, 1, 2, 3].map(() => sendAction(url(before), SLACK_SECRET, submission)));
    expect(statuses).toEqual([200, 200, 200, 200]);
    await rig.idle(before);
    await rig.crash(before);
    const after = await rig.start();
    expect(await sendAction(url(after), SLACK_SECRET, submission)).toBe(200);
    await rig.idle(after);

    expect(rig.shown(chat, "Antwort-1103")).toHaveLength(1);
    expect(rig.sends(chat, "Antwort-1103")).toHaveLength(1);
    expect(await rig.stored(ticketId, "Antwort-1103")).toBe(1);
    const notes = rig.slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.thread_ts === ts && String(c.body.text).includes("Antwort-1103"));
    expect(notes).toHaveLength(1); // "sent to the volunteer" in the card's thread, once
  });
});
