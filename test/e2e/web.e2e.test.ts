/// <reference lib="dom" />
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type Running } from "../../src/main.js";
import { ROOT } from "../../src/paths.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = join(ROOT, "test-artifacts");

let running: Running;
let browser: Browser;

beforeAll(async () => {
  running = await start({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: mkdtempSync(join(tmpdir(), "lotse-web-")), LOG_LEVEL: "silent" });
  expect(existsSync(CHROMIUM), `Chromium expected at ${CHROMIUM} (apt-get install chromium)`).toBe(true);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

async function lastBot(page: Page) {
  return page.locator("li.msg.bot").last();
}

async function ask(page: Page, question: string) {
  const before = await page.locator("li.msg.bot").count();
  await page.fill("#input", question);
  await page.click("#send");
  await page.waitForFunction((n) => document.querySelectorAll("li.msg.bot").length > n, before);
}

describe("web chat in a real browser", () => {
  it("onboards, answers, clarifies, takes feedback, escapes markup and switches to right-to-left", async () => {
    const page = await browser.newPage({ locale: "de-DE", viewport: { width: 420, height: 900 } });
    await page.goto(running.url);
    await page.getByRole("button", { name: "Deutsch" }).click();
    await page.getByRole("button", { name: "Berlin" }).click();
    await page.getByRole("button", { name: "Neukölln" }).click();
    await expect.poll(async () => (await lastBot(page)).innerText()).toMatch(/Neukölln \(Berlin\)/);

    await ask(page, "Wie finde ich einen Kita-Platz für ein dreijähriges Kind in Berlin?");
    const answer = await lastBot(page);
    await expect.poll(() => answer.locator("h2").innerText()).toMatch(/Kita/);
    expect(await answer.innerText()).toMatch(/Stand: .*keine Rechtsberatung/);
    expect(await answer.locator(".sources a").count()).toBeGreaterThan(0);

    await answer.getByRole("button", { name: /Hilfreich/ }).first().click();
    await expect.poll(async () => (await lastBot(page)).innerText()).toMatch(/Danke/);

    await ask(page, ["Karte", "Papiere", "Schule", "Wohnung", "Termin"].find((q) => running.lotse.knowledge.triage.decide(q).action === "clarify")!);
    const clarify = await lastBot(page);
    const options = clarify.locator("button");
    expect(await options.count()).toBeGreaterThanOrEqual(2);
    expect(await clarify.innerText()).toMatch(/Welches Thema passt/);
    await options.first().click();
    await expect.poll(async () => (await lastBot(page)).locator("h2").count()).toBe(1);
    expect(await (await lastBot(page)).innerText()).toMatch(/Stand:/);

    const injected = "<img src=x onerror=window.pwned=1><b>fett</b> & Kita";
    await ask(page, injected);
    const mine = page.locator("li.msg.me").last();
    expect(await mine.innerText()).toBe(injected);
    expect(await page.locator("li.msg img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

    await page.selectOption("#language", "ar");
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await expect.poll(async () => (await lastBot(page)).getAttribute("dir")).toBe("rtl");
    await ask(page, "kita platz");
    expect(await page.locator("#send").innerText()).not.toBe("Senden");
    // The Arabic translation of the entry, right to left, with the German original one press away.
    const arabic = await lastBot(page);
    expect(await arabic.getAttribute("lang")).toBe("ar");
    expect(await arabic.getAttribute("dir")).toBe("rtl");
    expect(await arabic.locator("h2").innerText()).toMatch(/[\u0600-\u06ff]/);
    expect(await arabic.innerText()).toContain(running.lotse.t("ar", "original.note", { date: "" }).split(" ")[0]!);
    const before = await page.locator("li.msg.bot").count();
    await arabic.getByRole("button", { name: running.lotse.t("ar", "original.button") }).click();
    await page.waitForFunction((n) => document.querySelectorAll("li.msg.bot").length > n, before);
    const german = await lastBot(page);
    expect(await german.getAttribute("lang")).toBe("de");
    expect(await german.locator("h2").innerText()).toBe(running.lotse.knowledge.kb.topics.get("kita")!.entries.get("de")!.title);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "web-chat-rtl.png"), fullPage: true });
    await page.close();
  });
});

describe("web chat privacy in a real browser", () => {
  it("downloads /my_data as a JSON file and erases everything after /delete_me is confirmed", async () => {
    const page = await browser.newPage({ locale: "de-DE" }); // a new context: a new cookie, a new user
    await page.goto(running.url);
    await page.getByRole("button", { name: "Deutsch" }).click();
    await page.getByRole("button", { name: "Berlin" }).click();
    await page.getByRole("button", { name: "Pankow" }).click();
    await expect.poll(async () => (await lastBot(page)).innerText()).toMatch(/Pankow/);
    await ask(page, "Wie finde ich einen Kita-Platz?");

    const exported = async () => {
      await ask(page, "/my_data");
      const download = page.waitForEvent("download");
      await (await lastBot(page)).locator("a.attachment").click();
      const file = await (await download).path();
      const { readFileSync } = await import("node:fs");
      return JSON.parse(readFileSync(file, "utf8")) as { profile: { region?: string } | null; conversation: { lastQuestion?: string } | null };
    };
    const before = await exported();
    expect(before.profile?.region).toBe("berlin-pankow");
    expect(before.conversation?.lastQuestion).toMatch(/Kita-Platz/);

    await ask(page, "/delete_me");
    await (await lastBot(page)).getByRole("button", { name: "Ja, alles löschen" }).click();
    await expect.poll(async () => (await lastBot(page)).innerText()).toMatch(/Erledigt/);
    const after = await exported();
    expect(after.profile).toBeNull();
    expect(after.conversation?.lastQuestion).toBeUndefined();
    await page.close();
  });
});

describe("web chat API", () => {
  const post = (body: string, type = "application/json") =>
    fetch(`${running.url}/api/messages`, { method: "POST", headers: { "content-type": type }, body });

  it("rejects malformed requests with a 4xx and a reason", async () => {
    const cases: [Promise<Response>, number, RegExp][] = [
      [post("{not json"), 400, /invalid JSON/],
      [post(JSON.stringify({ text: "hi", extra: 1 })), 400, /extra|Unrecognized/i],
      [post(JSON.stringify({})), 400, /either text or button/],
      [post(JSON.stringify({ text: 5 })), 400, /text/],
      [post("text=hi", "application/x-www-form-urlencoded"), 415, /application\/json/],
      [post(JSON.stringify({ text: "x".repeat(600_000) })), 413, /too large/],
      [fetch(`${running.url}/api/messages?after=-3`), 400, /after/],
      [fetch(`${running.url}/api/i18n/xx`), 404, /unknown language/],
      [fetch(`${running.url}/nope`), 404, /not found/],
    ];
    for (const [request, status, reason] of cases) {
      const res = await request;
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: string }).error).toMatch(reason);
    }
  });

  it("answers a 100,000-character message with a clear message, not an error", async () => {
    const res = await post(JSON.stringify({ text: "a".repeat(100_000) }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { messages: { reply: { blocks: { spans: { text: string }[] }[] } }[] };
    expect(JSON.stringify(body.messages)).toMatch(/zu lang|too long/);
  });

  it("serves knowledge entries as escaped read-only pages for the ticket card's link", async () => {
    const res = await fetch(`${running.url}/kb/kita?lang=de`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toMatch(/<h1>.*Kita/);
    expect(page).toMatch(/Stand: /);
    expect(page).not.toMatch(/<script/i);
    expect((await fetch(`${running.url}/kb/gibt-es-nicht`)).status).toBe(404);
  });

  it("exposes Prometheus metrics without any message text", async () => {
    await post(JSON.stringify({ text: "Wie finde ich einen Kita-Platz? Zzyzx-Geheimwort" }));
    const res = await fetch(`${running.url}/metrics`);
    expect(res.headers.get("content-type")).toMatch(/text\/plain/);
    const body = await res.text();
    expect(body).toMatch(/lotse_messages_in_total\{platform="web"\} [1-9]/);
    expect(body).toMatch(/lotse_answers_total\{action="answer"\} [1-9]/);
    expect(body).toMatch(/lotse_messages_out_total\{platform="web"\} [1-9]/);
    expect(body).toMatch(/lotse_outbox_backlog \d/);
    expect(body).toMatch(/lotse_answer_seconds_bucket/);
    expect(body).not.toMatch(/Zzyzx|Kita/);
  });

  it("serves health and readiness", async () => {
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${running.url}/readyz`);
    expect(await ready.json()).toMatchObject({ status: "ready", store: "sqlite" });
  });
});

describe("calendar feeds", () => {
  it("serves /events.ics and /events/<region>.ics", async () => {
    const all = await fetch(`${running.url}/events.ics`);
    expect(all.headers.get("content-type")).toMatch(/text\/calendar/);
    const text = await all.text();
    expect(text).toMatch(/BEGIN:VCALENDAR[\s\S]*TZID:Europe\/Berlin/);
    const bayern = await (await fetch(`${running.url}/events/bayern.ics`)).text();
    expect(bayern).toContain("UID:vernetzung-bayern-online@lotse");
    expect(bayern).not.toContain("UID:jour-fixe-berlin-nord@lotse");
  });
});
