import { PermanentDeliveryError, RetryLaterError } from "../core/outbox/outbox.js";

/**
 * How a failed send is retried, the same rule for every platform (the outbox acts on the class):
 * - rate-limited (HTTP 429 or the platform's code for it): a RetryLaterError after its retry-after;
 * - the platform's side (5xx, network) or the bot's own credentials (401, and what a platform
 *   answers for a wrong token): a plain Error, retried with backoff, so the message survives until
 *   the platform is back or the token is fixed;
 * - anything else the platform refused (other 4xx: a blocked bot, a deleted chat): a
 *   PermanentDeliveryError, since retrying cannot fix it.
 * The platforms' error objects are read by shape, so this module loads no platform library.
 */

interface Refusal {
  platform: string;
  /** HTTP status, or undefined for a platform that answers errors with 200 (Slack). */
  status?: number;
  retryAfterSeconds?: number;
  detail: string;
  /** Statuses that mean the bot's credentials are wrong on this platform. */
  credentialStatuses?: readonly number[];
}

export function classifyRefusal({ platform, status, retryAfterSeconds, detail, credentialStatuses = [401] }: Refusal): Error {
  const message = `${platform}: ${status ?? ""} ${detail}`.replace(/\s+/g, " ").slice(0, 200);
  if (status === 429) return new RetryLaterError(message, (retryAfterSeconds ?? 5) * 1000);
  if (status === undefined || status >= 500 || credentialStatuses.includes(status)) return new Error(message);
  if (status >= 400) return new PermanentDeliveryError(message);
  return new Error(message);
}

/** grammY: GrammyError carries the Bot API's error_code; HttpError wraps a network failure. */
export function telegramDeliveryError(error: unknown): Error {
  const e = error as { name?: string; error_code?: number; description?: string; method?: string; parameters?: { retry_after?: number }; error?: unknown; message?: string };
  if (e?.name === "GrammyError" && typeof e.error_code === "number") {
    // 404: Telegram's answer to a wrong token (the method is "not found" under it).
    return classifyRefusal({ platform: `Telegram ${e.method}`, status: e.error_code, retryAfterSeconds: e.parameters?.retry_after, detail: e.description ?? "", credentialStatuses: [401, 404] });
  }
  // The underlying fetch error names the request URL, and that holds the bot token: cut it out.
  if (e?.name === "HttpError") return new Error(`Telegram network error: ${withoutToken((e.error as Error)?.message ?? e.message ?? "")}`);
  return error instanceof Error ? error : new Error(String(error));
}

/** Bot API URLs carry the token as /bot<id>:<secret>/method. */
function withoutToken(text: string): string {
  return text.replace(/\/bot\d+:[\w-]+/g, "/bot<token>");
}

/** Slack Web API: errors come as codes (mostly with HTTP 200), rate limits as their own code. */
export const REJECTED_TOKEN = new Set(["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type"]);
/** Errors Slack answers with HTTP 200 when the trouble is on its side: retrying can fix them. */
const TRANSIENT_SLACK_ERRORS = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

export function slackDeliveryError(error: unknown): Error {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; message?: string };
  const detail = e.data?.error ?? e.message ?? String(error);
  if (e.code === "slack_webapi_rate_limited_error") return classifyRefusal({ platform: "Slack", status: 429, retryAfterSeconds: e.retryAfter, detail });
  const code = e.data?.error ?? "";
  // A refusal of this message (channel_not_found, is_archived …): permanent. A rejected token is the
  // instance's problem, and Slack's own trouble passes: both are kept for a retry.
  if (e.code === "slack_webapi_platform_error" && !TRANSIENT_SLACK_ERRORS.has(code) && !REJECTED_TOKEN.has(code)) return classifyRefusal({ platform: "Slack", status: 400, detail });
  return classifyRefusal({ platform: "Slack", detail });
}

/** discord.js REST: DiscordAPIError and HTTPError carry the status (it waits out 429s by itself). */
export function discordDeliveryError(error: unknown): Error {
  const e = error as { status?: number; message?: string };
  if (typeof e?.status !== "number") return error instanceof Error ? error : new Error(String(error));
  return classifyRefusal({ platform: "Discord", status: e.status, detail: (e.message ?? "").slice(0, 120) });
}
