import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import type { Lotse } from "../app.js";
import { mountKnowledgePages } from "./knowledge-page.js";
import { icsFeed } from "../events/ics.js";
import { meetingTitle } from "../events/calendar.js";
import { isUiLanguage } from "../i18n/detect.js";
import { sameSecret } from "./same-secret.js";
import { factsOf, setupGaps } from "../setup-check.js";
import { errorSummary } from "../core/errors.js";

/** Adds an adapter's routes (webhooks, pages) to the server. */
export type MountRoutes = (app: Hono) => void;

/**
 * The one HTTP server: health, metrics, the knowledge pages and meeting feeds, then every
 * adapter's routes in the order given (the web chat's catch-all last; see adapters/index.ts).
 */
export function createServer(lotse: Lotse, mounts: readonly MountRoutes[]): Hono {
  const app = new Hono();
  // First, so it wraps the webhooks too: a request body the handler did not read (refused early
  // with 401, 404, 413 or 415) is discarded by dropping the connection soon after the answer;
  // "Connection: close" keeps the client from sending its next request on that socket.
  app.use(async (c, next) => {
    await next();
    if (hasBody(c.req.raw) && !c.req.raw.bodyUsed && !c.res.headers.has("x-hono-already-sent")) c.res.headers.set("Connection", "close");
  });
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    try {
      await lotse.store.ping();
      // Ready either way; `configured` says whether example data or an unseen desk is still in place.
      const gaps = await setupGaps(factsOf(lotse), { slack: Boolean(lotse.config.SLACK_BOT_TOKEN) });
      return c.json({ status: "ready", store: lotse.store.backend, configured: gaps.length === 0, ...(gaps.length ? { reasons: gaps.map((g) => g.reason) } : {}) });
    } catch {
      return c.json({ status: "unavailable", store: lotse.store.backend }, 503);
    }
  });
  app.get("/metrics", async (c) => {
    // Usage figures only, but not for everyone: with METRICS_TOKEN set, Prometheus sends it as a bearer token.
    const token = lotse.config.METRICS_TOKEN;
    if (token && !sameSecret(c.req.header("Authorization") ?? "", `Bearer ${token}`)) return c.json({ error: "unauthorized" }, 401, { "WWW-Authenticate": "Bearer" });
    return c.body(await lotse.metrics.registry.metrics(), 200, { "Content-Type": lotse.metrics.registry.contentType });
  });
  mountKnowledgePages(app, lotse);
  // iCalendar feeds of the meetings: all, or one region's (a Land or Bezirk/Landkreis id).
  app.get("/events.ics", async (c) => c.body(await icsFeed(lotse.calendar), 200, { "Content-Type": "text/calendar; charset=utf-8" }));
  app.get("/events/:region{[a-z0-9-]+\\.ics}", async (c) => {
    const region = c.req.param("region").replace(/\.ics$/, "");
    return c.body(await icsFeed(lotse.calendar, { region, name: `Lotse – ${region}` }), 200, { "Content-Type": "text/calendar; charset=utf-8" });
  });
  // One meeting, for its "add to calendar" button (meetingCalendarPath): only a published one.
  app.get("/events/meeting/:file{[a-z0-9-]+\\.ics}", async (c) => {
    const id = c.req.param("file").replace(/\.ics$/, "");
    const event = await lotse.calendar.published(id);
    if (!event) return c.json({ error: "not found" }, 404);
    const asked = c.req.query("lang");
    const lang = isUiLanguage(asked) ? asked : lotse.config.DEFAULT_LANGUAGE;
    const feed = await icsFeed(lotse.calendar, { event: id, lang, name: meetingTitle(event, lang) });
    return c.body(feed, 200, { "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": `attachment; filename="${id}.ics"` });
  });
  for (const mount of mounts) mount(app);
  app.notFound((c) => c.json({ error: "not found" }, 404));
  app.onError((error, c) => {
    lotse.logger.error({ err: errorSummary(error), path: c.req.path }, "request failed");
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}

function hasBody(request: Request): boolean {
  return Number(request.headers.get("content-length") ?? 0) > 0 || request.headers.has("transfer-encoding");
}

export async function listen(app: Hono, port: number, host: string): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => resolve({ server, port: info.port }));
    server.once("error", reject);
  });
}
