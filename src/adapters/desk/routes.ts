import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { Lotse } from "../../app.js";
import { DeskError, SERVICES, type DeskRefusal } from "../../escalation/desk.js";
import { Desk } from "../../escalation/desk.js";
import type { Ticket } from "../../escalation/tickets.js";
import { ROOT } from "../../paths.js";
import { deskFeed } from "./feed.js";
import { securityHeaders } from "./pages.js";
import { requireSession, sameOriginJson, signIn, signOut, type DeskEnv } from "./session.js";
import { ticketDetail, ticketSummary, viewContext } from "./views.js";

/**
 * The coordinators' web desk at /desk: a static page and a JSON API over escalation/desk.ts,
 * for the accounts invited with `lotse desk invite`. The page renders all ticket text as text;
 * the API returns data only.
 */

export const DESK_PUBLIC_DIR = join(ROOT, "src", "adapters", "desk", "public");
const ASSETS: Record<string, [file: string, type: string]> = {
  "/desk.js": ["desk.js", "text/javascript; charset=utf-8"],
  "/desk.css": ["desk.css", "text/css; charset=utf-8"],
};
const STATUS: Record<DeskRefusal, 404 | 409 | 422> = { notFound: 404, closed: 409, erased: 409, invalid: 422 };
const ACTIONS = ["claim", "answer", "refer", "faq", "close", "reopen"] as const;
/** Chosen by the page for each answer and sent again with a retry: the answer is relayed once. */
const ANSWER_ID = /^[A-Za-z0-9_-]{8,64}$/;

export function deskRoutes(lotse: Lotse): Hono<DeskEnv> {
  const app = new Hono<DeskEnv>();
  const read = (file: string) => readFileSync(join(DESK_PUBLIC_DIR, file), "utf8");
  const page = read("index.html");
  const feed = deskFeed(lotse);
  const answerBody = z.object({ text: z.string().trim().min(1).max(lotse.config.MAX_MESSAGE_LENGTH), id: z.string().regex(ANSWER_ID) }).strict();
  const referBody = z.object({ service: z.enum(SERVICES) }).strict();
  const emptyBody = z.object({}).strict();

  // The page's code and style carry no data: served to anyone, so the sign-in notices are styled too.
  for (const [path, [file, type]] of Object.entries(ASSETS)) {
    const body = read(file);
    app.get(path, (c) => {
      securityHeaders(c);
      c.header("Content-Type", type);
      return c.body(body);
    });
  }
  app.get("/sign-in", signIn(lotse));
  // "/desk/" is the same page: one address, so relative links and the cookie's path agree.
  app.get("*", (c, next) => (c.req.path === "/desk/" ? c.redirect("/desk", 301) : next()));
  app.use("*", bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.json({ error: lotse.t("de", "desk.errors.tooLarge") }, 413, { Connection: "close" }) }));
  app.use("*", sameOriginJson(lotse));
  app.post("/sign-out", signOut(lotse));
  app.use("*", requireSession(lotse, (path) => path === "/desk"));

  app.get("/", (c) => {
    securityHeaders(c);
    return c.html(page);
  });

  app.get("/events", (c) => feed.stream(c, c.get("account"), c.get("session")));

  app.get("/api/strings", (c) => {
    const lang = c.get("lang");
    const account = c.get("account");
    securityHeaders(c);
    return c.json({
      lang,
      strings: lotse.t(lang, "desk", { returnObjects: true }) as unknown,
      // A service by the name the volunteer's referral notice gives it.
      services: SERVICES.map((id) => ({ id, label: lotse.t(lang, `referral.${id}.name`) })),
      maxAnswer: lotse.config.MAX_MESSAGE_LENGTH,
      account: { name: account.name, regions: account.regions },
    });
  });

  app.get("/api/tickets", async (c) => {
    const who = lotse.accounts.coordinator(c.get("account"));
    const all = await lotse.desk.list(who, { closed: true });
    const closed = c.req.query("closed") === "1";
    const ctx = await viewContext(lotse, c.get("account"), c.get("lang"));
    securityHeaders(c);
    return c.json({
      counts: Desk.counts(all),
      tickets: all.filter((t) => (t.status === "resolved" || t.status === "referred") === closed).map((t) => ticketSummary(ctx, t)),
    });
  });

  app.get("/api/tickets/:id", async (c) => {
    const who = lotse.accounts.coordinator(c.get("account"));
    return respond(c, () => lotse.desk.ticket(who, c.req.param("id")));
  });

  app.post("/api/tickets/:id/:action", async (c) => {
    const action = c.req.param("action") as (typeof ACTIONS)[number];
    if (!ACTIONS.includes(action)) return c.json({ error: lotse.t(c.get("lang"), "desk.refused.invalid") }, 404);
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return c.json({ error: lotse.t(c.get("lang"), "desk.errors.badRequest") }, 400);
    }
    const account = c.get("account");
    const who = lotse.accounts.coordinator(account);
    const id = c.req.param("id");
    const schema = action === "answer" ? answerBody : action === "refer" ? referBody : emptyBody;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return c.json({ error: lotse.t(c.get("lang"), "desk.refused.invalid"), fields: parsed.error.issues.map((i) => i.path.join(".")) }, 422);
    const body = parsed.data as { text?: string; id?: string; service?: string };
    // No text at info level: the ticket number and who acted suffice.
    lotse.logger.info({ ticket: id.slice(0, 12), action, by: who.id }, "desk action");
    return respond(c, async () => {
      if (action === "answer") {
        // Keyed by the page's id: a double submit or a retry after a lost response answers once.
        const done = await lotse.store.unit(() => lotse.desk.answer(who, id, body.text!, { ref: `web:${body.id}` }), { cause: `desk:${account.id}:answer:${body.id}` });
        return done.duplicate ? lotse.desk.ticket(who, id) : done.value;
      }
      const run = {
        claim: () => lotse.desk.claim(who, id),
        refer: () => lotse.desk.refer(who, id, body.service!),
        faq: () => lotse.desk.suggestFaq(who, id),
        close: () => lotse.desk.close(who, id),
        reopen: () => lotse.desk.reopen(who, id),
      }[action];
      // One unit: the change and what it sets off (the volunteer's notice, other fronts) commit together.
      const done = await lotse.store.unit(run);
      return done.duplicate ? lotse.desk.ticket(who, id) : done.value;
    });
  });

  /** Runs a desk call and answers with the ticket, or with the desk's refusal in the coordinator's language. */
  async function respond(c: Context<DeskEnv>, call: () => Promise<Ticket>): Promise<Response> {
    securityHeaders(c);
    try {
      const ticket = await call();
      return c.json({ ticket: ticketDetail(await viewContext(lotse, c.get("account"), c.get("lang")), ticket) });
    } catch (error) {
      if (!(error instanceof DeskError)) throw error;
      return c.json({ error: lotse.t(c.get("lang"), `desk.refused.${error.reason}`), reason: error.reason }, STATUS[error.reason]);
    }
  }

  return app;
}
