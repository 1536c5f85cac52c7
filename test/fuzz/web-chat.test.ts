/**
 * The web chat's POST /api/messages under malformed input: no 5xx, no crash, 413 over the body
 * limit. The set-up (one Lotse with every adapter against the local fakes) is in ./rig.ts.
 */
import { request } from "node:http";
import { describe, expect, it, vi } from "vitest";
import { webRequest } from "./arbitraries/web.js";
import { expectNoServerError, expectStillHealthy, fuzz, send, summary, tgFrom, tgPrivateChat, tgUpdateJson, webhookHeaders } from "./requests.js";
import { port, telegram, useFuzzRig, WEB_BODY_LIMIT, WEBHOOK_PATH, WEBHOOK_SECRET } from "./rig.js";
import { itKeepsSecretsOutOfLogsAndAnswers } from "./secrets-check.js";

vi.mock("../../src/logger.js", async (original) => (await import("./capture.js")).capturingLogger(original));

useFuzzRig();

describe("malformed requests never cause a 5xx or a crash", () => {
  it("web chat: 300 malformed POST /api/messages", async () => {
    await fuzz(
      webRequest,
      (answer, req) => {
        expectNoServerError(answer, req);
        if (req.oversized && answer.status !== 0) expect(answer.status, summary(req)).toBe(413);
      },
      { runs: 15, batch: 20 },
    );
    await expectStillHealthy();
  }, 60_000);
});

describe("regressions: cases the fuzz found", () => {
  const expired = /abgelaufen/; // errors.buttonExpired (de)

  it("a button id that every object inherits ('valueOf', 'constructor', …) is an expired button, not a 500", async () => {
    for (const button of ["valueOf", "constructor", "toString", "__proto__", "hasOwnProperty"]) {
      const answer = await send({ method: "POST", path: "/api/messages", headers: { "content-type": "application/json" }, body: JSON.stringify({ button }) });
      expect(answer.status, button).toBe(200);
      expect(answer.body, button).toMatch(expired);
    }
    // The same through Telegram: a pressed button with forged data.
    const chat = 808_001;
    const press = tgUpdateJson(808_001, { callback_query: { id: "cb1", from: tgFrom(chat), chat_instance: "ci", data: "valueOf", message: { message_id: 5, date: 1, chat: tgPrivateChat(chat), text: "x" } } });
    expect((await send({ method: "POST", path: WEBHOOK_PATH, headers: webhookHeaders(WEBHOOK_SECRET), body: press })).status).toBe(200);
    const notice = await telegram.waitFor((c) => c.method === "answerCallbackQuery" && c.body.callback_query_id === "cb1");
    expect(String(notice.body.text)).toMatch(expired);
  });

  it("a web chat body over the limit gets 413 and Connection: close (the server does not read it and drops the socket)", async () => {
    const huge = JSON.stringify({ text: "x".repeat(WEB_BODY_LIMIT + 10) });
    const answer = await new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, method: "POST", path: "/api/messages", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(huge) } }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
      });
      req.on("error", reject);
      req.end(huge);
    });
    expect(answer).toEqual({ status: 413, connection: "close" });
  });
});

itKeepsSecretsOutOfLogsAndAnswers();
