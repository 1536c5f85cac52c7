import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hono } from "hono";
import type { Lotse } from "../../../src/app.js";
import { createHttpApp } from "../../../src/adapters/index.js";
import { testLotse } from "../../helpers.js";

// The headers and files of the web chat with and without EMBED_ORIGINS (the browser side is in
// test/e2e/embed.e2e.test.ts).
const ORIGINS = "https://www.fluechtlingshilfe.example,https://fluechtlingshilfe.example";
let closed: Lotse;
let open: Lotse;
let closedApp: Hono;
let openApp: Hono;

beforeAll(async () => {
  closed = (await testLotse({ env: { PUBLIC_URL: "https://lotse.example.org" } })).lotse;
  open = (await testLotse({ env: { PUBLIC_URL: "https://lotse.example.org", EMBED_ORIGINS: ORIGINS } })).lotse;
  closedApp = createHttpApp(closed);
  openApp = createHttpApp(open);
});

afterAll(async () => {
  await closed?.close(0);
  await open?.close(0);
});

const postMessage = (app: Hono, headers: Record<string, string> = {}) =>
  app.request("/api/messages", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ text: "/help", id: "abcdefgh12" }) });

describe("the web chat in a frame", () => {
  it("by default may be framed by nobody, and /embed.js is not served", async () => {
    const page = await closedApp.request("/");
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none';");
    expect((await closedApp.request("/embed.js")).status).toBe(404);
    const cookie = (await postMessage(closedApp)).headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Partitioned/);
  });

  it("with EMBED_ORIGINS may be framed by those origins only", async () => {
    const page = await openApp.request("/");
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors https://www.fluechtlingshilfe.example https://fluechtlingshilfe.example;");
    expect(csp).not.toContain("frame-ancestors 'none'");
    // X-Frame-Options cannot name origins: it must not be there to contradict the CSP.
    expect(page.headers.get("x-frame-options")).toBeNull();
  });

  it("keeps a session in a frame on another site: the cookie is Partitioned, Secure and SameSite=None", async () => {
    const cookie = (await postMessage(openApp)).headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/lotse_sid=[A-Za-z0-9_-]{22,}/);
    expect(cookie).toMatch(/SameSite=None/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Partitioned/);
    expect(cookie).toMatch(/HttpOnly/);
  });

  it("refuses a post another site's page makes with the user's cookie", async () => {
    const res = await postMessage(openApp, { "sec-fetch-site": "cross-site" });
    expect(res.status).toBe(403);
    expect((await postMessage(openApp, { "sec-fetch-site": "same-origin" })).status).toBe(200);
  });

  it("serves /embed.js with its labels in every language", async () => {
    const res = await openApp.request("/embed.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/javascript/);
    const body = await res.text();
    expect(body).not.toContain("/*LOTSE_STRINGS*/");
    // It runs inside other people's pages: it builds its few elements without parsing markup.
    expect(body).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\s*\(|new Function|srcdoc/);
    for (const lang of ["de", "en", "uk", "ar", "ru", "tr", "fa"]) {
      const label = open.t(lang, "web.embedOpen");
      expect(label).not.toBe("web.embedOpen");
      expect(body).toContain(JSON.stringify(label));
    }
  });

  it("serves a favicon, also where a browser asks for /favicon.ico", async () => {
    for (const path of ["/favicon.ico", "/favicon.svg"]) {
      const res = await closedApp.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/svg+xml");
      expect(await res.text()).toMatch(/^<svg /);
    }
    expect(await (await closedApp.request("/")).text()).toContain('<link rel="icon" href="/favicon.svg"');
  });
});
