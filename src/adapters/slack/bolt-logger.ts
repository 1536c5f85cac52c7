import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import { errorSummary } from "../../core/errors.js";
import type { Logger } from "../../logger.js";

/**
 * Bolt's and web-api's log lines through pino: structured, one line each, never a multi-line
 * stack trace on stderr (during a store outage Bolt logged one per failed event). Errors keep
 * their name and message; the rest of what Bolt passes is logged at debug only, where it may
 * carry request details.
 */
export function boltLogger(logger: Logger): SlackLogger {
  const log = logger.child({ component: "slack" });
  let level = LogLevel.WARN;
  const line = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? `${errorSummary(p).name}: ${errorSummary(p).message}` : typeof p === "string" ? p.slice(0, 300) : "")).filter(Boolean).join(" ");
  return {
    debug: (...parts) => log.debug({ detail: parts.map((p) => (p instanceof Error ? errorSummary(p) : p)) }, "bolt"),
    info: (...parts) => log.info(line(parts)),
    warn: (...parts) => log.warn(line(parts)),
    error: (...parts) => log.error({ err: errorSummary(parts.find((p) => p instanceof Error) ?? line(parts)) }, "slack library error"),
    setLevel: (next) => void (level = next),
    getLevel: () => level,
    setName: () => undefined,
  };
}
