import { z } from "zod";
import { DEFAULT_CACHE_DIR, DEFAULT_KNOWLEDGE_DIR } from "./paths.js";

/** Raised when an environment variable is missing or malformed; the message names the variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

// 0 lets the system pick a free port (tests, several local instances).
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().min(1);
const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), {
      message: `expected a URL starting with ${protocols.join(" or ")}`,
    });

/**
 * Origins (scheme, host, optional port) allowed to frame the web chat: they go into the CSP's
 * frame-ancestors, so nothing but a plain origin may pass (no path, no wildcard, no quotes).
 */
const originList = z
  .string()
  .optional()
  // A trailing slash is how many people write a site's address: tolerated, and dropped.
  .transform((v) => (v ? v.split(",").map((x) => x.trim().replace(/\/$/, "")).filter(Boolean) : []))
  .superRefine((origins, ctx) => {
    for (const origin of origins) {
      if (!isOrigin(origin)) ctx.addIssue({ code: "custom", message: `expected origins like https://www.example.org (scheme, host, optional port; no path), separated by commas; "${origin}" is not one` });
    }
  });

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    // The URL parser takes "*.example.org" as a host name; CSP would read it as a wildcard.
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value && !url.hostname.includes("*");
  } catch {
    return false;
  }
}

/** Every setting Lotse reads. Each is documented in .env.example. */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_FORMAT: z.enum(["auto", "pretty", "json"]).default("auto"),
  PORT: port.default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  PUBLIC_URL: optionalUrl(["http://", "https://"]),
  /** Websites that may show the web chat in a frame (the /embed.js widget); empty: none. */
  EMBED_ORIGINS: originList,
  DATA_DIR: z.string().min(1).default("./data"),
  CACHE_DIR: z.string().min(1).default(DEFAULT_CACHE_DIR),
  REDIS_URL: optionalUrl(["redis://", "rediss://"]),
  DATABASE_URL: optionalUrl(["postgres://", "postgresql://"]),
  KNOWLEDGE_DIR: z.string().min(1).default(DEFAULT_KNOWLEDGE_DIR),
  DEFAULT_LANGUAGE: z.enum(["de", "en", "uk", "ar", "ru", "tr", "fa"]).default("de"),
  MAX_MESSAGE_LENGTH: positiveInt.max(20000).default(2000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(10000).default(20),
  CONVERSATION_TTL_DAYS: positiveInt.default(30),
  TICKET_RETENTION_DAYS: positiveInt.default(90),
  OPERATOR_NAME: z.string().min(1).default("Lotse-Testinstanz (Beispiel, bitte konfigurieren)"),
  OPERATOR_CONTACT: z.string().min(1).default("datenschutz@example.org"),
  /** Where users can complain; unset: "the data protection authority of your Land", in the user's language. */
  PRIVACY_AUTHORITY: z.string().min(1).optional(),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .trim()
    .regex(/^\d+:[A-Za-z0-9_-]{5,}$/, "expected a bot token like 123456:ABC-DEF from @BotFather")
    .optional(),
  TELEGRAM_WEBHOOK_URL: optionalUrl(["https://", "http://"]),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, "expected 16-256 characters A-Z, a-z, 0-9, _ or -")
    .optional(),
  TELEGRAM_API_ROOT: optionalUrl(["http://", "https://"]),
  /** Messages a second all instances together send with the bot token (counted in the shared store). */
  TELEGRAM_SEND_RATE: z.coerce.number().min(1).max(30).default(30),
  SLACK_BOT_TOKEN: z.string().trim().regex(/^xoxb-[A-Za-z0-9-]+$/, "expected a bot token starting with xoxb-").optional(),
  SLACK_SIGNING_SECRET: z.string().trim().min(8, "expected the app's signing secret").optional(),
  SLACK_APP_TOKEN: z.string().trim().regex(/^xapp-[A-Za-z0-9-]+$/, "expected an app-level token starting with xapp- (Socket Mode)").optional(),
  SLACK_API_URL: optionalUrl(["http://", "https://"]),
  SLACK_COORDINATORS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((x) => x.trim()).filter(Boolean) : []))
    .refine((ids) => ids.every((id) => /^[UW][A-Z0-9]+$/.test(id)), { message: "expected Slack user ids like U0123ABC, separated by commas" }),
  DISCORD_BOT_TOKEN: z.string().trim().min(20, "expected the bot token from the Discord developer portal").optional(),
  DISCORD_APPLICATION_ID: z.string().trim().regex(/^\d{1,20}$/, "expected the numeric application id").optional(),
  DISCORD_API_URL: optionalUrl(["http://", "https://"]),
  DISCORD_ANNOUNCE_ROLE_ID: z.string().trim().regex(/^\d{1,20}$/, "expected a numeric role id").optional(),
  DISCORD_GATEWAY_LEASE_SECONDS: positiveInt.max(600).default(30),
  METRICS_TOKEN: z.string().trim().min(16, "expected at least 16 characters (a random token)").optional(),
  ADAPTER_START_TIMEOUT_SECONDS: positiveInt.max(600).default(20),
  ADAPTER_RETRY_SECONDS: positiveInt.max(3600).default(30),
  TICKET_IDLE_DAYS: positiveInt.default(14),
  TICKET_REMINDER_HOURS: positiveInt.default(4),
  DESK_INVITE_HOURS: positiveInt.max(24 * 14).default(24),
  DESK_SESSION_HOURS: positiveInt.max(24 * 30).default(12),
  SMTP_URL: optionalUrl(["smtp://", "smtps://"]),
  SMTP_FROM: z.string().trim().min(3).default("Lotse <lotse@localhost>"),
  DESK_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
});

export type Config = z.infer<typeof schema>;

/** Reads and validates the configuration once; a wrong value names the variable and what is expected. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(schema.shape).map((key) => [key, env[key] === "" ? undefined : env[key]]),
  );
  const result = schema.safeParse(relevant);
  if (result.success) {
    const data = result.data;
    if (data.REDIS_URL && data.DATABASE_URL) {
      throw new ConfigError("Configuration error: set either REDIS_URL or DATABASE_URL, not both.");
    }
    if (data.TELEGRAM_WEBHOOK_URL && !data.TELEGRAM_WEBHOOK_SECRET) {
      throw new ConfigError("Configuration error:\n  TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_WEBHOOK_URL is set (webhook mode)");
    }
    if ((data.TELEGRAM_WEBHOOK_URL || data.TELEGRAM_API_ROOT) && !data.TELEGRAM_BOT_TOKEN) {
      throw new ConfigError("Configuration error:\n  TELEGRAM_BOT_TOKEN: required when other TELEGRAM_ variables are set");
    }
    if (data.SLACK_BOT_TOKEN && !data.SLACK_APP_TOKEN && !data.SLACK_SIGNING_SECRET) {
      throw new ConfigError("Configuration error:\n  SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)");
    }
    if ((data.SLACK_APP_TOKEN || data.SLACK_API_URL || data.SLACK_SIGNING_SECRET) && !data.SLACK_BOT_TOKEN) {
      throw new ConfigError("Configuration error:\n  SLACK_BOT_TOKEN: required when other SLACK_ variables are set");
    }
    if (data.DISCORD_BOT_TOKEN && !data.DISCORD_APPLICATION_ID) {
      throw new ConfigError("Configuration error:\n  DISCORD_APPLICATION_ID: required with DISCORD_BOT_TOKEN");
    }
    if ((data.DISCORD_APPLICATION_ID || data.DISCORD_API_URL) && !data.DISCORD_BOT_TOKEN) {
      throw new ConfigError("Configuration error:\n  DISCORD_BOT_TOKEN: required when other DISCORD_ variables are set");
    }
    if (data.TELEGRAM_API_ROOT) data.TELEGRAM_API_ROOT = data.TELEGRAM_API_ROOT.replace(/\/+$/, "");
    return data;
  }
  const lines = result.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? "?");
    // Secrets are never echoed back, not even in an error message.
    // Store URLs may carry a password (redis://:pw@host): never shown either.
    const got = /TOKEN|SECRET|PASSWORD|^REDIS_URL$|^DATABASE_URL$|^SMTP_URL$/.test(variable) ? undefined : env[variable];
    return `  ${variable}: ${issue.message}${got === undefined ? "" : ` (got ${JSON.stringify(got)})`}`;
  });
  throw new ConfigError(`Configuration error:\n${lines.join("\n")}\nSee .env.example for every variable.`);
}
