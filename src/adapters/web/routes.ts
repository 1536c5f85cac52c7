import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Hono, type Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { Lotse } from "../../app.js";
import { parseCommand } from "../../core/commands.js";
import { addressKey, textDirection, type Address, type Incoming, type Reply } from "../../core/message.js";
import { RESUME_GUESS_WINDOW_MS } from "../../conversation/resume-codes.js";
import { isTransient as transient, pageMessages, unstoredMessages } from "./render.js";
import { UI_LANGUAGES, isUiLanguage } from "../../i18n/detect.js";
import { WEB_PUBLIC_DIR } from "../../paths.js";
import type { WebInbox } from "./sender.js";
import { chatCsp, mountEmbedScript } from "./embed.js";
import { errorSummary } from "../../core/errors.js";

const COOKIE = "lotse_sid";
const SESSION_ID = /^[A-Za-z0-9_-]{22,64}$/;

const messageBody = z
  .object({
    text: z.string().max(200_000).optional(),
    button: z.string().max(64).optional(),
    after: z.number().int().min(0).optional(),
    /** Chosen by the page for each message and sent again with a retry: the message is handled once. */
    id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
  })
  .strict()
  .refine((b) => (b.text === undefined) !== (b.button === undefined), "send either text or button");

const resumeBody = z
  .object({
    code: z.string().min(1).max(32),
    after: z.number().int().min(0).optional(),
  })
  .strict();

const STATIC: Record<string, string> = {
  "/": "index.html",
  "/app.js": "app.js",
  "/style.css": "style.css",
  "/favicon.svg": "favicon.svg",
  // Asked for by browsers on every page without an icon link (/kb, /desk): SVG, which they read by its type.
  "/favicon.ico": "favicon.svg",
};
const TYPES: Record<string, string> = { html: "text/html; charset=utf-8", js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8", svg: "image/svg+xml" };

/**
 * The embedded web chat: a static page and JSON endpoints under /api/.
 * One cookie per browser is the user id; user text is only ever rendered as text by the page.
 */
export function webChat(lotse: Lotse, inbox: WebInbox): Hono {
  const ttlMs = lotse.config.CONVERSATION_TTL_DAYS * 24 * 3600 * 1000;
  const app = new Hono();
  const files = new Map(Object.entries(STATIC).map(([path, file]) => [path, readFileSync(join(WEB_PUBLIC_DIR, file), "utf8")]));
  const embedOrigins = lotse.config.EMBED_ORIGINS;
  // Framed only by the websites in EMBED_ORIGINS (none by default). No X-Frame-Options: it cannot
  // list origins, and browsers that know frame-ancestors ignore it anyway.
  const csp = chatCsp(embedOrigins);
  mountEmbedScript(app, lotse.t, embedOrigins);

  for (const [path, body] of files) {
    app.get(path, (c) => {
      c.header("Content-Type", TYPES[STATIC[path]!.split(".").pop()!]!);
      c.header("Content-Security-Policy", csp);
      c.header("X-Content-Type-Options", "nosniff");
      c.header("Referrer-Policy", "no-referrer");
      return c.body(body);
    });
  }

  // Served over HTTPS (PUBLIC_URL says so, or the request came that way): the cookie is Secure.
  // With embedding on, also on this machine (Chromium and Firefox treat http://localhost and
  // 127.0.0.1 as secure and keep such a cookie; a framed chat needs one). Otherwise a loopback
  // cookie stays plain, so the local web chat keeps its session in every browser.
  const configuredSecure = lotse.config.PUBLIC_URL?.startsWith("https://") ?? false;
  const secureRequest = (c: Context) => {
    const url = new URL(c.req.url);
    return configuredSecure || url.protocol === "https:" || (embedOrigins.length > 0 && isLoopback(url));
  };
  // In a frame on another site a SameSite=Strict cookie is never sent. With embedding on (and a
  // secure origin), the cookie is Partitioned instead (CHIPS): a separate session per embedding
  // site, never shared across sites. Cross-site requests still cannot act with it: POSTs need a
  // JSON body, which another site can send only after a CORS preflight Lotse does not grant.
  if (embedOrigins.length && !configuredSecure) {
    lotse.logger.warn({ variable: "PUBLIC_URL" }, "EMBED_ORIGINS is set but PUBLIC_URL is not https: browsers keep no session cookie in a frame on another site over plain http, so the embedded chat works only over https (or on localhost)");
  }
  const session = (c: Context): string => {
    const current = getCookie(c, COOKIE);
    if (current && SESSION_ID.test(current)) return current;
    const id = randomBytes(18).toString("base64url");
    const secure = secureRequest(c);
    const framed = secure && embedOrigins.length > 0;
    const cookieOptions = framed ? ({ sameSite: "None", partitioned: true } as const) : ({ sameSite: "Strict" } as const);
    setCookie(c, COOKIE, id, { httpOnly: true, ...cookieOptions, secure, path: "/", maxAge: Math.floor(ttlMs / 1000) });
    return id;
  };
  const address = (userId: string): Address => ({ platform: "web", chatId: userId, userId });

  // The chat's own page (framed or not) posts from Lotse's origin. A post another site's page
  // makes with the user's cookie is refused where the browser says so (Fetch Metadata).
  app.use("/api/*", async (c, next) => {
    if (c.req.method === "POST" && c.req.header("sec-fetch-site") === "cross-site") return c.json({ error: "cross-site request refused" }, 403);
    await next();
  });

  app.get("/api/i18n/:lang", (c) => {
    const lang = c.req.param("lang");
    if (!isUiLanguage(lang)) return c.json({ error: "unknown language" }, 404);
    const web = lotse.t(lang, "web", { returnObjects: true, minutes: RESUME_GUESS_WINDOW_MS / 60_000 }) as unknown as Record<string, string>;
    const languages = UI_LANGUAGES.map((code) => ({ code, name: lotse.t(code, "language.self") }));
    return c.json({ lang, dir: textDirection(lang), strings: web, languages });
  });

  app.get("/api/messages", async (c) => {
    const userId = session(c);
    const after = Number(c.req.query("after") ?? 0);
    if (!Number.isInteger(after) || after < 0) return c.json({ error: "after must be a non-negative integer" }, 400);
    try {
      const profile = await lotse.store.ns<{ lang?: string }>("profiles").get(addressKey(address(userId)));
      return c.json({ messages: await inbox.after(userId, after), profile: { lang: profile?.lang ?? null } });
    } catch {
      return c.json({ error: "temporarily unavailable" }, 503);
    }
  });

  app.post(
    "/api/messages",
    // The rest of a refused body is never read, and the socket goes down: the client must not reuse it.
    bodyLimit({ maxSize: 512 * 1024, onError: (c) => c.json({ error: "request body too large" }, 413, { Connection: "close" }) }),
    async (c) => {
      const userId = session(c);
      if (!(c.req.header("content-type") ?? "").toLowerCase().startsWith("application/json")) {
        return c.json({ error: "expected Content-Type: application/json" }, 415);
      }
      let raw: unknown;
      try {
        raw = await c.req.json();
      } catch {
        return c.json({ error: "invalid JSON" }, 400);
      }
      const parsed = messageBody.safeParse(raw);
      if (!parsed.success) return c.json({ error: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ") }, 400);
      const body = parsed.data;
      const before = body.after ?? 0;
      const addr = address(userId);
      let incoming: Incoming;
      if (body.button !== undefined) incoming = { kind: "button", address: addr, buttonId: body.button };
      else {
        const command = parseCommand(body.text!);
        incoming = command ? { kind: "command", address: addr, ...command } : { kind: "text", address: addr, text: body.text! };
      }
      const lang = c.req.header("accept-language")?.slice(0, 2);
      if (lang) incoming.platformLanguage = lang;
      const replies = await lotse.receive(incoming, { keep: transient, ...(body.id ? { cause: `web:${userId}:${body.id}` } : {}) });
      try {
        return c.json({ messages: pageMessages(await inbox.after(userId, before), replies) });
      } catch {
        // The store is down: hand the replies (the "unavailable" notice) straight to the page.
        return c.json({ messages: unstoredMessages(replies) });
      }
    },
  );

  /**
   * "I have a code": a resume code from a hand-over binds its ticket to this browser's session. The
   * answers so far land in this session's inbox; the fresh code only in this answer. Refused: 404
   * for a wrong or used code (the page shows one message for both), 429 past the guesses allowed.
   */
  app.post("/api/resume", bodyLimit({ maxSize: 4 * 1024, onError: (c) => c.json({ error: "request body too large" }, 413, { Connection: "close" }) }), async (c) => {
    const userId = session(c);
    if (!(c.req.header("content-type") ?? "").toLowerCase().startsWith("application/json")) {
      return c.json({ error: "expected Content-Type: application/json" }, 415);
    }
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return c.json({ error: "invalid JSON" }, 400);
    }
    const parsed = resumeBody.safeParse(raw);
    if (!parsed.success) return c.json({ error: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ") }, 400);
    const addr = address(userId);
    let kept: Reply[];
    try {
      // As a message: under the user's lock, one unit of work for the code, the ticket and the inbox.
      const result = await lotse.store.withLock(`user:${addressKey(addr)}`, () =>
        lotse.store.unit(async () => {
          const outcome = await lotse.assistant.resume(addr, parsed.data.code);
          if ("refused" in outcome) return outcome;
          for (const reply of outcome.replies) if (!transient(reply)) await lotse.outbox.enqueue(addr, reply);
          return { replies: outcome.replies.filter(transient) };
        }),
      );
      if (result.duplicate) return c.json({ error: "invalid" }, 404);
      if ("refused" in result.value) return c.json({ error: result.value.refused }, result.value.refused === "limited" ? 429 : 404);
      kept = result.value.replies;
    } catch (error) {
      lotse.logger.error({ err: errorSummary(error) }, "resume failed");
      return c.json({ error: "temporarily unavailable" }, 503);
    }
    const messages = await inbox.after(userId, parsed.data.after ?? 0).catch(() => []);
    return c.json({ messages: pageMessages(messages, kept) });
  });

  return app;
}

/** A loopback host, which browsers count as a secure context even over http. */
function isLoopback(url: URL): boolean {
  return url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
}
