import { beforeEach, describe, expect, it } from "vitest";
import type { Hono } from "hono";
import type { Lotse } from "../../../src/app.js";
import type { ManualClock } from "../../../src/core/clock.js";
import { createHttpApp } from "../../../src/adapters/index.js";
import { SERVICES } from "../../../src/escalation/desk.js";
import { testLotse } from "../../helpers.js";
import { ORIGIN, deskRequest, signedIn, ticketFor, volunteer } from "./helpers.js";

let lotse: Lotse;
let clock: ManualClock;
let app: Hono;

beforeEach(async () => {
  ({ lotse, clock } = (await testLotse({ manualDelivery: true })) as { lotse: Lotse; clock: ManualClock });
  app = createHttpApp(lotse);
});

type Json = Record<string, unknown> & { ticket: Record<string, unknown> & { messages: { from: string; text: string }[]; status: string } };

describe("web desk: signing in", () => {
  it("answers 401 on every desk route without a session, and shows the page's sign-in notice", async () => {
    const ticket = await ticketFor(lotse, "berlin-neukoelln");
    const anon = deskRequest(app, undefined);
    for (const path of ["/desk/api/tickets", `/desk/api/tickets/${ticket.id}`, "/desk/api/strings", "/desk/events", "/desk/nothing-here"]) {
      const res = await anon.get(path);
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as { error: string }).error).toMatch(/nicht angemeldet|not signed in/i);
    }
    for (const action of ["claim", "answer", "refer", "faq", "close", "reopen"]) {
      expect((await anon.post(`/desk/api/tickets/${ticket.id}/${action}`, { text: "x", id: "abcdefgh1" })).status).toBe(401);
    }
    const page = await anon.get("/desk");
    expect(page.status).toBe(401);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/Bitte anmelden/);
    // A bad cookie is no session either.
    expect((await deskRequest(app, "lotse_desk=forged-forged-forged-forged").get("/desk/api/tickets")).status).toBe(401);
  });

  it("sets a strict, HttpOnly cookie limited to /desk, Secure over https, and drops the token from the address", async () => {
    const { token } = await lotse.accounts.create({ name: "Anna", regions: ["berlin"] }, 3600_000);
    const res = await app.request(`${ORIGIN}/desk/sign-in?token=${token}`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/desk");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^lotse_desk=[A-Za-z0-9_-]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/desk(;|$)/);
    expect(cookie).toMatch(new RegExp(`Max-Age=${lotse.config.DESK_SESSION_HOURS * 3600}`));
    expect(cookie).not.toMatch(/Secure/);

    const again = await lotse.accounts.create({ name: "Ben", regions: ["berlin"] }, 3600_000);
    const secure = await app.request(`https://desk.example.org/desk/sign-in?token=${again.token}`);
    expect(secure.headers.get("set-cookie")).toMatch(/Secure/);

    const { lotse: behindProxy } = await testLotse({ env: { PUBLIC_URL: "https://lotse.example.org" } });
    const third = await behindProxy.accounts.create({ name: "Cem", regions: ["berlin"] }, 3600_000);
    const proxied = await createHttpApp(behindProxy).request(`http://127.0.0.1/desk/sign-in?token=${third.token}`);
    expect(proxied.headers.get("set-cookie")).toMatch(/Secure/);
  });

  it("refuses a reused and an expired link with a page that says to ask for a new one", async () => {
    const { token } = await lotse.accounts.create({ name: "Anna", regions: ["berlin"] }, 3600_000);
    expect((await app.request(`${ORIGIN}/desk/sign-in?token=${token}`)).status).toBe(303);
    const reused = await app.request(`${ORIGIN}/desk/sign-in?token=${token}`);
    expect(reused.status).toBe(401);
    expect(reused.headers.get("set-cookie")).toBeNull();
    expect(await reused.text()).toMatch(/neuen Link/);

    const late = await lotse.accounts.create({ name: "Ben", regions: ["berlin"] }, 3600_000);
    clock.advance(3600_001);
    const expired = await app.request(`${ORIGIN}/desk/sign-in?token=${late.token}`, { headers: { "accept-language": "en" } });
    expect(expired.status).toBe(401);
    expect(await expired.text()).toMatch(/ask whoever runs Lotse for a new link/);
    expect((await app.request(`${ORIGIN}/desk/sign-in`)).status).toBe(401);
  });

  it("ends the session after DESK_SESSION_HOURS and on sign-out", async () => {
    const { cookie } = await signedIn(app, lotse, ["berlin"]);
    const desk = deskRequest(app, cookie);
    expect((await desk.get("/desk/api/tickets")).status).toBe(200);
    clock.advance(lotse.config.DESK_SESSION_HOURS * 3600_000 + 1);
    expect((await desk.get("/desk/api/tickets")).status).toBe(401);

    const second = deskRequest(app, (await signedIn(app, lotse, ["berlin"], "Ben")).cookie);
    expect((await second.get("/desk/api/tickets")).status).toBe(200);
    const out = await second.post("/desk/sign-out");
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/lotse_desk=;.*Max-Age=0/);
    expect((await second.get("/desk/api/tickets")).status).toBe(401);
  });
});

describe("web desk: tickets", () => {
  it("lists only the coordinator's regions; another region's ticket is 404 like a missing one", async () => {
    const neukoelln = await ticketFor(lotse, "berlin-neukoelln");
    const munich = await ticketFor(lotse, "bayern-muenchen-stadt", "Wo gibt es Deutschkurse?", volunteer(2));
    const berlin = deskRequest(app, (await signedIn(app, lotse, ["berlin"])).cookie);
    const list = (await (await berlin.get("/desk/api/tickets")).json()) as { counts: Record<string, number>; tickets: { id: string; status: string; regionLabel: string; waitingMinutes: number }[] };
    expect(list.tickets.map((t) => t.id)).toEqual([neukoelln.id]);
    expect(list.counts.open).toBe(1);
    expect(list.tickets[0]).toMatchObject({ status: "open", regionLabel: "Neukölln (Berlin)", waitingMinutes: 0 });

    const foreign = await berlin.get(`/desk/api/tickets/${munich.id}`);
    const missing = await berlin.get("/desk/api/tickets/L-ZZZZZZ");
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await foreign.json()).toEqual(await missing.json());
    expect((await berlin.post(`/desk/api/tickets/${munich.id}/claim`)).status).toBe(404);
    expect((await lotse.tickets.get(munich.id))!.status).toBe("open");
  });

  it("claims, answers once per page id, refers, closes and reopens, with localized refusals", async () => {
    const who = volunteer();
    const ticket = await ticketFor(lotse, "berlin-neukoelln", "Was gilt für die Arbeitserlaubnis?", who);
    const desk = deskRequest(app, (await signedIn(app, lotse, ["berlin-neukoelln"])).cookie);
    const claimed = (await (await desk.post(`/desk/api/tickets/${ticket.id}/claim`)).json()) as Json;
    expect(claimed.ticket).toMatchObject({ status: "claimed", claimedBy: { kind: "coordinator", name: "Anna", me: true } });

    const answer = { text: "Bitte zur Ausländerbehörde.", id: "answer-0001" };
    const [first, second] = await Promise.all([desk.post(`/desk/api/tickets/${ticket.id}/answer`, answer), desk.post(`/desk/api/tickets/${ticket.id}/answer`, answer)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect((await desk.post(`/desk/api/tickets/${ticket.id}/answer`, answer)).status).toBe(200);
    const stored = (await lotse.tickets.get(ticket.id))!;
    expect(stored.messages.filter((m) => m.from === "coordinator")).toHaveLength(1);
    // The volunteer's web inbox got the answer once.
    const inbox = (await (await app.request(`${ORIGIN}/api/messages`, { headers: { cookie: `lotse_sid=${who.userId}` } })).json()) as { messages: unknown[] };
    expect(inbox.messages.filter((m) => JSON.stringify(m).includes("Bitte zur Ausländerbehörde."))).toHaveLength(1);

    expect((await desk.post(`/desk/api/tickets/${ticket.id}/answer`, { text: "   ", id: "answer-0002" })).status).toBe(422);
    expect((await desk.post(`/desk/api/tickets/${ticket.id}/answer`, { text: "x".repeat(lotse.config.MAX_MESSAGE_LENGTH + 1), id: "answer-0003" })).status).toBe(422);
    expect((await desk.post(`/desk/api/tickets/${ticket.id}/refer`, { service: "somewhere" })).status).toBe(422);
    expect((await desk.post(`/desk/api/tickets/${ticket.id}/faq`)).status).toBe(200);
    expect(await lotse.drafts.all()).toHaveLength(1);

    const closed = (await (await desk.post(`/desk/api/tickets/${ticket.id}/close`)).json()) as Json;
    expect(closed.ticket.status).toBe("resolved");
    const refused = await desk.post(`/desk/api/tickets/${ticket.id}/answer`, { text: "Noch etwas", id: "answer-0004" }, { "accept-language": "en" });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toMatch(/closed already/);
    const closedList = (await (await desk.get("/desk/api/tickets?closed=1")).json()) as { tickets: { id: string }[] };
    expect(closedList.tickets.map((t) => t.id)).toEqual([ticket.id]);

    expect(((await (await desk.post(`/desk/api/tickets/${ticket.id}/reopen`)).json()) as Json).ticket.status).toBe("open");
    const referred = (await (await desk.post(`/desk/api/tickets/${ticket.id}/refer`, { service: SERVICES[0] })).json()) as Json;
    expect(referred.ticket).toMatchObject({ status: "referred", referredTo: SERVICES[0] });
    expect((await desk.post(`/desk/api/tickets/${ticket.id}/teleport`)).status).toBe(404);
  });

  it("refuses a foreign origin, a form body, a missing origin and an oversized body", async () => {
    const ticket = await ticketFor(lotse, "berlin-neukoelln");
    const desk = deskRequest(app, (await signedIn(app, lotse, ["berlin"])).cookie);
    expect((await desk.post(`/desk/api/tickets/${ticket.id}/claim`, {}, { origin: "https://evil.example" })).status).toBe(403);
    expect((await desk.post(`/desk/api/tickets/${ticket.id}/claim`, {}, { origin: "null" })).status).toBe(403);
    expect((await desk.post(`/desk/api/tickets/${ticket.id}/claim`, "a=1", { "content-type": "application/x-www-form-urlencoded" })).status).toBe(415);
    const noOrigin = await app.request(`${ORIGIN}/desk/api/tickets/${ticket.id}/claim`, { method: "POST", headers: { "content-type": "application/json", cookie: (await signedIn(app, lotse, ["berlin"], "Ben")).cookie }, body: "{}" });
    expect(noOrigin.status).toBe(403);
    expect((await desk.post("/desk/sign-out", {}, { origin: "https://evil.example" })).status).toBe(403);
    expect((await desk.post(`/desk/api/tickets/${ticket.id}/answer`, { text: "x".repeat(70_000), id: "answer-0001" })).status).toBe(413);
    expect((await desk.post(`/desk/api/tickets/${ticket.id}/claim`, "{nope")).status).toBe(400);
    expect((await lotse.tickets.get(ticket.id))!.status).toBe("open");
  });

  it("returns ticket text as data only, with the page's security headers", async () => {
    const evil = "<script>window.pwned=1</script><img src=x onerror=alert(1)>";
    const ticket = await ticketFor(lotse, "berlin-neukoelln", evil);
    const desk = deskRequest(app, (await signedIn(app, lotse, ["berlin"])).cookie);
    const res = await desk.get(`/desk/api/tickets/${ticket.id}`);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const body = (await res.json()) as Json;
    expect(body.ticket.question).toBe(evil);
    expect(body.ticket.messages[0]!.text).toBe(evil);
    const page = await desk.get("/desk");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
    const html = await page.text();
    expect(html).not.toContain(evil);
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });

  it("gives the page its strings and the referral services", async () => {
    const desk = deskRequest(app, (await signedIn(app, lotse, ["berlin"])).cookie);
    const en = (await (await desk.get("/desk/api/strings?lang=en")).json()) as { lang: string; strings: { claim: string }; services: { id: string; label: string }[]; account: { name: string } };
    expect(en).toMatchObject({ lang: "en", strings: { claim: "Claim" }, account: { name: "Anna" } });
    expect(en.services.map((s) => s.id)).toEqual([...SERVICES]);
    expect(en.services.every((s) => s.label && !s.label.includes("."))).toBe(true);
    const de = (await (await desk.get("/desk/api/strings?lang=xx")).json()) as { lang: string; strings: { claim: string } };
    expect(de).toMatchObject({ lang: "de", strings: { claim: "Übernehmen" } });
  });
});
