/// <reference lib="dom" />
import { existsSync, mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type Running } from "../../src/main.js";

// An NGO's website on another origin (another 127.0.0.1 port) with the one-line snippet: the
// chat opens in a frame there, and a website whose origin is not in EMBED_ORIGINS is refused.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PHONE = { width: 390, height: 844 };

let running: Running;
let browser: Browser;
const sites: Server[] = [];
let allowed: string;
let refused: string;

/** A plain website whose page carries the snippet, pointing at the running Lotse. */
async function website(): Promise<string> {
  const server = createServer((req, res) => {
    if (req.url !== "/") return void res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Flüchtlingshilfe Musterstadt</title></head>
<body><h1>Flüchtlingshilfe Musterstadt</h1><p>Willkommen.</p>
<script src="${running.url}/embed.js" async></script></body></html>`);
  });
  sites.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  // The websites' ports are known before Lotse starts: its EMBED_ORIGINS names the first one only.
  allowed = await website();
  refused = await website();
  running = await start({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: mkdtempSync(join(tmpdir(), "lotse-embed-")), LOG_LEVEL: "silent", EMBED_ORIGINS: allowed });
  expect(existsSync(CHROMIUM), `Chromium expected at ${CHROMIUM} (apt-get install chromium)`).toBe(true);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  for (const server of sites) server.close();
});

/** Opens the website, presses the chat button and waits until the frame has loaded (or been refused). */
async function openWidget(site: string): Promise<{ page: Page; chatRequests: string[] }> {
  const page = await browser.newPage({ locale: "de-DE", viewport: PHONE });
  const chatRequests: string[] = [];
  page.on("request", (request) => {
    if (request.url().startsWith(`${running.url}/api/`)) chatRequests.push(request.url());
  });
  await page.goto(site);
  const bubble = page.getByRole("button", { name: running.lotse.t("de", "web.embedOpen") });
  await bubble.waitFor();
  expect(await bubble.getAttribute("aria-expanded")).toBe("false");
  const loaded = page.waitForEvent("framenavigated", (frame) => frame !== page.mainFrame());
  await bubble.click();
  await loaded;
  return { page, chatRequests };
}

describe("the chat embedded in another website", () => {
  it("says in its CSP which websites may frame it", async () => {
    const csp = (await fetch(running.url)).headers.get("content-security-policy") ?? "";
    expect(csp).toContain(`frame-ancestors ${allowed};`);
    expect(csp).not.toContain(refused);
  });

  it("opens from the one-line snippet on an allowed website and answers there", async () => {
    const { page } = await openWidget(allowed);
    const panel = page.getByRole("dialog", { name: running.lotse.t("de", "web.title") });
    expect(await panel.isVisible()).toBe(true);
    // A phone: the panel takes the whole screen.
    expect(await panel.boundingBox()).toMatchObject({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
    const iframe = page.locator("iframe[data-lotse=frame]");
    expect(await iframe.getAttribute("src")).toBe(`${running.url}/`);
    expect(await iframe.getAttribute("title")).toBe(running.lotse.t("de", "web.title"));

    const chat = page.frameLocator("iframe[data-lotse=frame]");
    await chat.getByRole("button", { name: "Deutsch" }).click();
    await chat.getByRole("button", { name: "Berlin" }).click();
    await chat.getByRole("button", { name: "Neukölln" }).click();
    await expect.poll(() => chat.locator("li.msg.bot").last().innerText()).toMatch(/Neukölln \(Berlin\)/);
    await chat.locator("#input").fill("Wie finde ich einen Kita-Platz für ein dreijähriges Kind in Berlin?");
    await chat.locator("#send").click();
    await expect.poll(() => chat.locator("li.msg.bot h2").last().innerText()).toMatch(/Kita/);

    // Closed with its button; the chat button comes back and has the focus.
    await page.getByRole("button", { name: running.lotse.t("de", "web.embedClose") }).click();
    expect(await panel.isVisible()).toBe(false);
    const bubble = page.getByRole("button", { name: running.lotse.t("de", "web.embedOpen") });
    expect(await bubble.getAttribute("aria-expanded")).toBe("false");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-lotse"))).toBe("bubble");
    await page.close();
  });

  it("is refused by the chat on a website that is not in EMBED_ORIGINS", async () => {
    const { page, chatRequests } = await openWidget(refused);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(frame).toBeDefined();
    // The browser shows its error page instead: no chat, and the chat's script never ran.
    await frame.waitForLoadState("load");
    expect(frame.url()).not.toBe(`${running.url}/`);
    expect(await frame.locator("#composer").count()).toBe(0);
    expect(chatRequests).toEqual([]);
    await page.close();
  });
});
