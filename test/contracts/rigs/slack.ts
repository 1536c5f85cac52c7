// The Slack sender on its own web-api client, built as the adapter builds the outbox's client
// (no retries inside web-api, 429s rejected), pointed at the Slack fake.
import { LogLevel, webApi } from "@slack/bolt";
import { slackSender } from "../../../src/adapters/slack/sender.js";
import type { Lotse } from "../../../src/app.js";
import { Store } from "../../../src/store/store.js";
import { FakeSlack } from "../../fakes/slack-api.js";
import type { Refusal, SenderRig, SenderTraits } from "../sender.contract.js";

export const slackTraits: SenderTraits = {
  rateLimit: "rejects",
  // Slack cuts a message's text after 40,000 characters.
  maxLength: 40_000,
  notApplicable: { edit: "the sender edits only ticket cards, found by their ticket, not a reply by its reference" },
};

/** Slack answers refusals with HTTP 200 and an error code (the rate limit is the exception, see below). */
const SLACK_ERROR = { "chat-gone": "channel_not_found", forbidden: "not_in_channel", "bad-token": "invalid_auth" } as const;

export async function slackRig(): Promise<SenderRig> {
  const fake = await FakeSlack.start();
  // For a reply that is no ticket card the sender reads only the language and the per-channel send
  // window (about one message a second, in the store) from Lotse: a whole Lotse takes seconds to open.
  const store = Store.memory();
  const lotse = { config: { DEFAULT_LANGUAGE: "de" }, store } as unknown as Lotse;
  // The fake answers errors as Slack's HTTP 200 codes, or a whole outage without Retry-After; Slack's
  // 429 comes with Retry-After, so the one rate-limited answer is given here, before the fake.
  let rateLimitNext: number | undefined;
  const fakeFetch = async (url: string | URL, init?: RequestInit): Promise<Response> => {
    if (rateLimitNext === undefined || !String(url).endsWith("/chat.postMessage")) return fetch(url, init);
    const retryAfter = String(rateLimitNext);
    rateLimitNext = undefined;
    return new Response(JSON.stringify({ ok: false, error: "ratelimited" }), { status: 429, headers: { "content-type": "application/json", "retry-after": retryAfter } });
  };
  const client = new webApi.WebClient(fake.botToken, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
    // Node's fetch is web-api's default; web-api's type for it differs only where Node's typings lack a method.
    fetch: fakeFetch as unknown as webApi.WebClientOptions["fetch"],
  });
  const channel = "C_BERLIN";
  return {
    sender: slackSender(lotse, client),
    address: { platform: "slack", chatId: channel, userId: "U_COORD1" },
    refuseNext: (refusal: Refusal) => {
      if (refusal.kind === "rate-limited") rateLimitNext = refusal.retryAfterSeconds;
      else fake.failNext("chat.postMessage", SLACK_ERROR[refusal.kind]);
    },
    goDown: (status) => fake.goDown({ status }),
    comeBack: () => fake.comeBack(),
    delivered: async () => fake.messagesIn(channel).map((m) => ({ ref: `${channel}:${m.ts}`, text: m.text ?? "" })),
    stop: async () => {
      await store.close();
      await fake.stop();
    },
  };
}
