/**
 * Slack's events endpoint under malformed input: without a valid signature nothing is looked at
 * (401, no work); signed, no payload causes a 5xx, a crash or a hang. The set-up (one Lotse with
 * every adapter against the local fakes) is in ./rig.ts.
 */
import { describe, expect, it, vi } from "vitest";
import { ACTIONS } from "../../src/adapters/slack/card.js";
import { signBody } from "../fakes/slack-api.js";
import { forgedSlack, isSslCheck, slackBody } from "./arbitraries/slack.js";
import { expectNoServerError, expectStillHealthy, fuzz, now, send, signedSlack, summary, type Req } from "./requests.js";
import { expectNoWorkDuring, FORM, settle, sleep, slack, SLACK_PATH, SLACK_SIGNING_SECRET, storeWrites, TEAM_CHANNEL, useFuzzRig, workDone } from "./rig.js";
import { itKeepsSecretsOutOfLogsAndAnswers } from "./secrets-check.js";

vi.mock("../../src/logger.js", async (original) => (await import("./capture.js")).capturingLogger(original));

useFuzzRig();

// Rejections come first: before them, nothing but start-up has touched the fakes.
describe("requests without the right signature are rejected before any work", () => {
  it("Slack: unsigned, wrongly signed and stale (> 5 minutes) requests get 401; no store write, no API call", async () => {
    // A coordinator's thread reply: once accepted, it is marked as handled in the store.
    const event = (id: string) => JSON.stringify({ type: "event_callback", team_id: "T_LOTSE", api_app_id: "A_LOTSE", event_id: id, event: { type: "message", user: "U_COORD", text: "Antwort", channel: TEAM_CHANNEL, ts: "1700000001.000200", thread_ts: "1700000000.000100" } });
    const command = new URLSearchParams({ command: "/lotse", text: "help", user_id: "U_COORD", channel_id: TEAM_CHANNEL, team_id: "T_LOTSE", api_app_id: "A_LOTSE", response_url: `${slack.apiUrl}response` }).toString();
    const before = await workDone();
    const body = event("EvForged1");
    const forged: [string, Record<string, string>][] = [
      ["unsigned", {}],
      ["wrong signature", { "x-slack-signature": `v0=${"ab".repeat(32)}`, "x-slack-request-timestamp": String(now()) }],
      ["another secret", signBody("another-signing-secret", body)],
      ["signature of another body", signBody(SLACK_SIGNING_SECRET, event("EvOther"))],
      ["301 s old", signBody(SLACK_SIGNING_SECRET, body, now() - 301)],
      ["a day old", signBody(SLACK_SIGNING_SECRET, body, now() - 86_400)],
      ["no timestamp", { "x-slack-signature": signBody(SLACK_SIGNING_SECRET, body)["x-slack-signature"] }],
    ];
    for (const [what, headers] of forged) {
      expect((await send({ method: "POST", path: SLACK_PATH, body, headers: { "content-type": "application/json", ...headers } })).status, what).toBe(401);
    }
    expect((await send({ method: "POST", path: SLACK_PATH, body: command, headers: { "content-type": FORM, ...signBody(SLACK_SIGNING_SECRET, command, now() - 6 * 60) } })).status).toBe(401);
    // ssl_check passes unsigned, but a payload smuggled next to it is dropped.
    const smuggled = `ssl_check=1&${command}`;
    expect((await send({ method: "POST", path: SLACK_PATH, body: smuggled, headers: { "content-type": FORM } })).status).toBe(200);
    await sleep(200);
    expect(await workDone()).toEqual(before);

    // Signed, the same requests do work: the checks above could have seen it.
    expect((await send(signedSlack(body, "application/json"))).status).toBe(200);
    expect(storeWrites()).toBeGreaterThan(before.storeWrites);
    expect((await send(signedSlack(command, FORM))).status).toBe(200);
    await slack.waitFor((c) => c.method === "response");
    await settle();
  });

  it("fuzz: 200 forged Slack requests: all 401, nothing reaches the fakes or the store", async () => {
    // Over Slack's 512 KB limit a body is refused unread (413) before its signature is checked.
    const slackStatus = (req: Req) => (isSslCheck(req) ? 200 : Buffer.byteLength(String(req.body ?? "")) > 512 * 1024 ? 413 : 401);
    await fuzz(forgedSlack, (answer, req) => expect(answer.status, summary(req)).toBe(slackStatus(req)), { runs: 10, batch: 20, around: expectNoWorkDuring });
    await expectStillHealthy();
  }, 60_000);
});

describe("malformed requests never cause a 5xx or a crash", () => {
  it("Slack events endpoint: 300 correctly signed requests with malformed payloads", async () => {
    await fuzz(slackBody.map(({ body, type }) => signedSlack(body, type)), expectNoServerError, { runs: 4, batch: 75 });
    await expectStillHealthy();
  }, 60_000);
});

describe("regressions: cases the fuzz found", () => {
  it("Slack, correctly signed: a null body, an event that is not an object, a command without response_url, an action without user get 400, not 500 or a hang", async () => {
    const json = (body: string) => send(signedSlack(body, "application/json"));
    const form = (fields: Record<string, string>) => send(signedSlack(new URLSearchParams(fields).toString(), FORM));
    expect((await json("null")).status).toBe(400); // was an unhandled rejection in Bolt and no answer at all
    expect((await form({ payload: "null" })).status).toBe(400);
    expect((await json(JSON.stringify({ type: "event_callback", team_id: "T_LOTSE", event_id: "Ev808", event: true }))).status).toBe(400);
    expect((await json(JSON.stringify({ type: "event_callback", team_id: "T_LOTSE", event_id: "Ev809", event: { type: "message", user: "U_COORD", text: 5, channel: TEAM_CHANNEL, ts: "2.0", thread_ts: "1.0" } }))).status).toBe(400);
    expect((await form({ command: "/lotse", text: "stats", user_id: "U_COORD", channel_id: TEAM_CHANNEL, team_id: "T_LOTSE" })).status).toBe(400);
    expect((await form({ command: "/lotse", user_id: "U_COORD", channel_id: TEAM_CHANNEL, team_id: "T_LOTSE", response_url: `${slack.apiUrl}response` })).status).toBe(400);
    expect((await form({ payload: JSON.stringify({ type: "block_actions", team: { id: "T_LOTSE" }, channel: null, actions: [{ type: "button", action_id: ACTIONS.claim, value: "L-ABCDEF" }] }) })).status).toBe(400);
    expect((await form({ payload: JSON.stringify({ type: "view_submission", team: { id: "T_LOTSE" }, user: { id: "U_COORD" }, view: { state: [] } }) })).status).toBe(400);
    // Well-formed requests still reach Bolt: a challenge is answered, a command responded to.
    const challenge = await json(JSON.stringify({ type: "url_verification", challenge: "c-808", token: "t" }));
    expect(challenge).toMatchObject({ status: 200 });
    expect(challenge.body).toContain("c-808");
    expect((await form({ command: "/lotse", text: "help", user_id: "U_COORD", channel_id: TEAM_CHANNEL, team_id: "T_LOTSE", response_url: `${slack.apiUrl}response?808` })).status).toBe(200);
    await slack.waitFor((c) => c.method === "response");
    await expectStillHealthy();
  });

  it("Slack /lotse event in a team channel whose members Slack will not list is refused, not a 500", async () => {
    // "#lotse-berlin" is a team channel in knowledge/contacts.yaml; the fake does not know it (channel_not_found).
    const fields = { command: "/lotse", text: "event cancel jour-fixe-berlin-nord 2026-11-12T18:00", user_id: "U_OTHER", channel_id: "#lotse-berlin", team_id: "T_LOTSE", response_url: `${slack.apiUrl}response?808b` };
    expect((await send(signedSlack(new URLSearchParams(fields).toString(), FORM))).status).toBe(200);
    const response = await slack.waitFor((c) => c.method === "response" && /anderen Kanal/.test(String(c.body.text)));
    expect(response.body.response_type).toBe("ephemeral");
  });
});

// A few more bad requests carrying near-misses of the signing secret.
itKeepsSecretsOutOfLogsAndAnswers(() => [
  { method: "POST", path: SLACK_PATH, headers: { "content-type": "application/json", ...signBody(SLACK_SIGNING_SECRET.slice(0, -1), "{}") }, body: "{}" },
  signedSlack("{", "application/json"),
]);
