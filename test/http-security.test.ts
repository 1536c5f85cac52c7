import { describe, expect, it } from "vitest";
import { createHttpApp } from "../src/adapters/index.js";
import { testLotse } from "./helpers.js";

async function app(env: Record<string, string> = {}) {
  const { lotse } = await testLotse({ env });
  return createHttpApp(lotse);
}

describe("/metrics with METRICS_TOKEN", () => {
  const token = "a-random-metrics-token-0123456789";

  it("answers 401 without the bearer token or with a wrong one, and the figures with it", async () => {
    const http = await app({ METRICS_TOKEN: token });
    expect((await http.request("/metrics")).status).toBe(401);
    expect((await http.request("/metrics", { headers: { Authorization: "Bearer wrong-token-wrong-token" } })).status).toBe(401);
    expect((await http.request("/metrics", { headers: { Authorization: token } })).status).toBe(401); // the scheme is part of it
    const ok = await http.request("/metrics", { headers: { Authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/lotse_messages_in_total/);
  });

  it("stays open without METRICS_TOKEN (a local instance)", async () => {
    expect((await (await app()).request("/metrics")).status).toBe(200);
  });
});

describe("the web chat's session cookie", () => {
  const cookieOf = async (env: Record<string, string>) => (await (await app(env)).request("/api/messages?after=0")).headers.get("set-cookie") ?? "";

  it("is Secure when PUBLIC_URL is https, and always HttpOnly and SameSite=Strict", async () => {
    const cookie = await cookieOf({ PUBLIC_URL: "https://lotse.example.org" });
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it("is not Secure on plain http (the local web chat would lose its session)", async () => {
    expect(await cookieOf({})).not.toMatch(/Secure/);
    expect(await cookieOf({ PUBLIC_URL: "http://localhost:3000" })).not.toMatch(/Secure/);
  });
});
