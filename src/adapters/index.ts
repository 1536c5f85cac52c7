import type { Hono } from "hono";
import type { Lotse } from "../app.js";
import type { Config } from "../config.js";
import { createServer, type MountRoutes } from "../http/server.js";
import type { PlatformAdapter } from "./types.js";
import { WebAdapter } from "./web/adapter.js";
import { webDeskFront } from "./desk/front.js";

/**
 * The adapter registry: which variables switch which adapter on, and how it is loaded. A platform
 * library is imported only when its adapter is on, so the default start (web chat and web desk,
 * no tokens) loads none of them. The order is the order of the HTTP routes: the web chat, whose
 * routes end in a catch-all, comes last.
 */
export interface AdapterSwitch {
  name: string;
  /** All of these set: the adapter is on. None: always on. */
  variables: readonly (keyof Config)[];
  load(lotse: Lotse): Promise<PlatformAdapter>;
}

export const ADAPTERS: readonly AdapterSwitch[] = [
  {
    name: "telegram",
    variables: ["TELEGRAM_BOT_TOKEN"],
    load: async (lotse) => {
      const { TelegramAdapter } = await import("./telegram/adapter.js");
      const c = lotse.config;
      return new TelegramAdapter(lotse, { token: c.TELEGRAM_BOT_TOKEN!, apiRoot: c.TELEGRAM_API_ROOT, webhookUrl: c.TELEGRAM_WEBHOOK_URL, webhookSecret: c.TELEGRAM_WEBHOOK_SECRET });
    },
  },
  {
    name: "slack",
    variables: ["SLACK_BOT_TOKEN"],
    load: async (lotse) => {
      const { SlackAdapter } = await import("./slack/adapter.js");
      const c = lotse.config;
      return new SlackAdapter(lotse, { botToken: c.SLACK_BOT_TOKEN!, signingSecret: c.SLACK_SIGNING_SECRET, appToken: c.SLACK_APP_TOKEN, apiUrl: c.SLACK_API_URL, coordinators: c.SLACK_COORDINATORS, publicUrl: c.PUBLIC_URL });
    },
  },
  {
    name: "discord",
    variables: ["DISCORD_BOT_TOKEN", "DISCORD_APPLICATION_ID"],
    load: async (lotse) => {
      const [{ DiscordAdapter }, { leasedGateway }] = await Promise.all([import("./discord/adapter.js"), import("./discord/gateway-lease.js")]);
      const c = lotse.config;
      const discord = new DiscordAdapter(lotse, { token: c.DISCORD_BOT_TOKEN!, applicationId: c.DISCORD_APPLICATION_ID!, apiUrl: c.DISCORD_API_URL, announceRoleId: c.DISCORD_ANNOUNCE_ROLE_ID });
      return leasedGateway(lotse, discord, c.ADAPTER_START_TIMEOUT_SECONDS * 1000);
    },
  },
  {
    // Mail notices for desk coordinators; nodemailer loads only with SMTP_URL.
    name: "mail",
    variables: ["SMTP_URL"],
    load: async (lotse) => (await import("./mail/adapter.js")).registerMail(lotse),
  },
  {
    name: "web",
    variables: [],
    load: async (lotse) => {
      // Invited coordinators see their regions' hand-overs at /desk, live.
      lotse.relay.add(webDeskFront(lotse));
      return new WebAdapter(lotse);
    },
  },
];

export function isSwitchedOn(entry: AdapterSwitch, config: Config): boolean {
  return entry.variables.every((name) => Boolean(config[name]));
}

/** Builds every adapter the configuration switches on (each registers its sender with the outbox). */
export async function loadAdapters(lotse: Lotse, registry: readonly AdapterSwitch[] = ADAPTERS): Promise<PlatformAdapter[]> {
  const adapters: PlatformAdapter[] = [];
  for (const entry of registry) if (isSwitchedOn(entry, lotse.config)) adapters.push(await entry.load(lotse));
  return adapters;
}

/** The HTTP server with these adapters' routes. */
export function serverFor(lotse: Lotse, adapters: readonly PlatformAdapter[]): Hono {
  return createServer(lotse, adapters.flatMap((a) => (a.routes ? [a.routes] : [])));
}

/**
 * The HTTP server of the default start (web chat and web desk), with `mount` adding routes before
 * them: tests mount a platform adapter's webhook this way.
 */
export function createHttpApp(lotse: Lotse, mount?: MountRoutes): Hono {
  return createServer(lotse, [...(mount ? [mount] : []), new WebAdapter(lotse).routes]);
}
