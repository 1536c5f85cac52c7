/**
 * The Telegram webhook under malformed input: without the right secret nothing is looked at
 * (401, no work); with it, no body causes a 5xx or a crash. The set-up (one Lotse with every
 * adapter against the local fakes) is in ./rig.ts.
 */
import { tmpdir } from "node:os";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { Bot } from "grammy";
import { TelegramSender } from "../../src/adapters/telegram/sender.js";
import { Lotse } from "../../src/app.js";
import { createLogger } from "../../src/logger.js";
import { start } from "../../src/main.js";
import { Store } from "../../src/store/store.js";
import { realKnowledge, testConfig } from "../helpers.js";
import { contentType, malformedBody } from "./arbitraries/common.js";
import { actionableUpdate, tgUpdate, wrongSecret } from "./arbitraries/telegram.js";
import { capturedLogs } from "./capture.js";
import { expectNoServerError, expectStillHealthy, fuzz, send, summary, tgFrom, tgPrivateChat, tgUpdateJson, webhookHeaders, type Req } from "./requests.js";
import { expectNoWorkDuring, settle, sleep, telegram, TELEGRAM_TOKEN, useFuzzRig, WEBHOOK_PATH, WEBHOOK_SECRET, workDone } from "./rig.js";
import { itKeepsSecretsOutOfLogsAndAnswers } from "./secrets-check.js";

vi.mock("../../src/logger.js", async (original) => (await import("./capture.js")).capturingLogger(original));

useFuzzRig();

// Rejections come first: before them, nothing but start-up has touched the fakes.
describe("requests without the right secret are rejected before any work", () => {
  it("Telegram: a missing, wrong or near-miss secret gets 401; no store write, no API call, no message counted", async () => {
    const update = JSON.stringify({ update_id: 42, message: { message_id: 1, date: 1_700_000_000, chat: { id: 4242, type: "private", first_name: "T" }, from: { id: 4242, is_bot: false, first_name: "T" }, text: "/help", entities: [{ type: "bot_command", offset: 0, length: 5 }] } });
    const before = await workDone();
    for (const secret of [undefined, "", "wrong-secret-wrong-secret", WEBHOOK_SECRET.toUpperCase(), WEBHOOK_SECRET.slice(0, -1), `${WEBHOOK_SECRET}0`, TELEGRAM_TOKEN]) {
      const answer = await send({ method: "POST", path: WEBHOOK_PATH, headers: webhookHeaders(secret), body: update });
      expect(answer.status, `secret ${JSON.stringify(secret)}`).toBe(401);
    }
    // Not even a body that is not JSON is looked at without the secret.
    expect((await send({ method: "POST", path: WEBHOOK_PATH, headers: webhookHeaders("nope"), body: "{not json" })).status).toBe(401);
    await sleep(200);
    expect(await workDone()).toEqual(before);

    // The same update with the secret does work: the checks above could have seen it.
    expect((await send({ method: "POST", path: WEBHOOK_PATH, headers: webhookHeaders(WEBHOOK_SECRET), body: update })).status).toBe(200);
    await telegram.waitFor((c) => c.method === "sendMessage" && Number(c.body.chat_id) === 4242);
    const after = await workDone();
    expect(after.messagesIn).toBe(before.messagesIn + 1);
    expect(after.storeWrites).toBeGreaterThan(before.storeWrites);
    await settle();
  });

  it("fuzz: 200 Telegram updates with a wrong or missing secret: all 401, nothing reaches the fakes or the store", async () => {
    const tgForged = fc.record({ secret: wrongSecret, body: fc.oneof(actionableUpdate, malformedBody, tgUpdate.map((u) => JSON.stringify(u))), type: contentType }).map(({ secret, body, type }): Req => ({ method: "POST", path: WEBHOOK_PATH, body, headers: webhookHeaders(secret, type) }));
    await fuzz(tgForged, (answer, req) => expect(answer.status, summary(req)).toBe(401), { runs: 10, batch: 20, around: expectNoWorkDuring });
    await expectStillHealthy();
  }, 60_000);
});

describe("malformed requests never cause a 5xx or a crash", () => {
  it("Telegram webhook with the right secret: 200 malformed bodies and 300 nonsense updates", async () => {
    const raw = fc.record({ body: malformedBody, type: contentType }).map(({ body, type }): Req => ({ method: "POST", path: WEBHOOK_PATH, body, headers: webhookHeaders(WEBHOOK_SECRET, type) }));
    await fuzz(raw, expectNoServerError, { runs: 10, batch: 20 });
    const updates = tgUpdate.map((u): Req => ({ method: "POST", path: WEBHOOK_PATH, body: JSON.stringify(u), headers: webhookHeaders(WEBHOOK_SECRET) }));
    await fuzz(updates, expectNoServerError, { runs: 10, batch: 30 });
    await expectStillHealthy();
  }, 60_000);
});

describe("regressions: cases the fuzz found", () => {
  it("Telegram webhook with the secret: broken JSON, a non-update and an update missing its chat get 400, not 500", async () => {
    const post = (body: string) => send({ method: "POST", path: WEBHOOK_PATH, headers: webhookHeaders(WEBHOOK_SECRET), body });
    expect((await post("")).status).toBe(400);
    expect((await post("{")).status).toBe(400);
    expect((await post("[]")).status).toBe(400);
    expect((await post("null")).status).toBe(400);
    expect((await post(tgUpdateJson(808_002, { message: { message_id: 1, date: 1, from: tgFrom(7), text: "/help" } }))).status).toBe(400);
    expect((await post(tgUpdateJson(808_003, { message: { message_id: 1, date: 1, chat: tgPrivateChat(7), from: tgFrom(7), text: { not: "a string" } } }))).status).toBe(400);
    // Update types Lotse does not handle are still accepted (and ignored).
    expect((await post(tgUpdateJson(808_004, { my_chat_member: { anything: true } }))).status).toBe(200);
  });
});

describe("failures that carry a token or secret name it, never echo it", () => {
  it("an unreachable Telegram API is logged as a failed delivery; a token or secret in the wrong format stops start-up by name", async () => {
    // Telegram unreachable (nothing listens on port 9): the network error the outbox logs carries
    // the request URL, which holds the bot token. (Not through start(): grammY's bot.init() keeps
    // retrying an unreachable API, so start() would not return.) The last test checks the log for the token.
    const offline = await Lotse.create(testConfig({ LOG_LEVEL: "trace" }), createLogger({ level: "trace", format: "json" }), { store: Store.memory(), knowledge: realKnowledge() });
    offline.outbox.register("telegram", new TelegramSender(new Bot(TELEGRAM_TOKEN, { client: { apiRoot: "http://127.0.0.1:9" } }).api, offline.t));
    await offline.outbox.enqueue({ platform: "telegram", chatId: "4343", userId: "4343" }, { lang: "de", blocks: [{ type: "paragraph", spans: [{ text: "Hallo" }] }] });
    await offline.close();
    expect(capturedLogs.join("")).toContain("outbox delivery failed");

    // A secret in the wrong format is named, never echoed.
    const refused = async (env: Record<string, string>) => start({ PORT: "0", DATA_DIR: tmpdir(), ...env }).then(() => "started", (error: Error) => error.message);
    const badSecret = await refused({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_URL: "https://lotse.example.org/x", TELEGRAM_WEBHOOK_SECRET: "not valid: fuzzSecretValue_Xq9" });
    expect(badSecret).toMatch(/TELEGRAM_WEBHOOK_SECRET/);
    expect(badSecret).not.toContain("fuzzSecretValue_Xq9");
    const badToken = await refused({ TELEGRAM_BOT_TOKEN: "not-a-token fuzzTokenValue_Zr7", SLACK_BOT_TOKEN: "xoxp-fuzzSlackValue_Yw3", SLACK_SIGNING_SECRET: "sV7qx" });
    expect(badToken).toMatch(/TELEGRAM_BOT_TOKEN[\s\S]*SLACK_BOT_TOKEN/);
    expect(badToken).not.toMatch(/fuzzTokenValue_Zr7|fuzzSlackValue_Yw3|sV7qx/);
  }, 60_000);
});

// A few more bad requests carrying near-misses of the webhook secret.
itKeepsSecretsOutOfLogsAndAnswers(() => [
  { method: "POST", path: WEBHOOK_PATH, headers: webhookHeaders(WEBHOOK_SECRET.slice(0, -1)), body: "{" },
  { method: "POST", path: WEBHOOK_PATH, headers: webhookHeaders(WEBHOOK_SECRET), body: "[" },
]);
