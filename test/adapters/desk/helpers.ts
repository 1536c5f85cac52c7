import type { Hono } from "hono";
import type { Lotse } from "../../../src/app.js";
import type { Address } from "../../../src/core/message.js";

/** A web-chat volunteer whose id is a valid web session cookie (its replies land in the web inbox). */
export const volunteer = (n = 1): Address => {
  const id = `volunteer-${String(n).padStart(2, "0")}-aaaaaaaaaaaaaaaa`;
  return { platform: "web", chatId: id, userId: id };
};

export const ORIGIN = "http://localhost";

export async function ticketFor(lotse: Lotse, region: string | null, question = "Darf sie arbeiten?", who: Address = volunteer()) {
  const done = await lotse.store.unit(() => lotse.tickets.create({ question, topic: null, region, lang: "de", origin: who, priority: "normal" }));
  if (done.duplicate) throw new Error("unexpected duplicate");
  return done.value;
}

/** Invites a coordinator and signs them in through the link; returns the Cookie header to send. */
export async function signedIn(app: Hono, lotse: Lotse, regions: string[], name = "Anna") {
  const { account, token } = await lotse.accounts.create({ name, regions }, 3600_000);
  const res = await app.request(`${ORIGIN}/desk/sign-in?token=${token}`);
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  const value = /lotse_desk=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")![1]!;
  return { account, cookie: `lotse_desk=${value}` };
}

export function deskRequest(app: Hono, cookie: string | undefined) {
  return {
    get: (path: string) => app.request(`${ORIGIN}${path}`, { headers: cookie ? { cookie } : {} }),
    post: (path: string, body: unknown = {}, headers: Record<string, string> = {}) =>
      app.request(`${ORIGIN}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN, ...(cookie ? { cookie } : {}), ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
  };
}
