/// <reference lib="dom" />
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type Running } from "../../src/main.js";
import { ask, chooseBerlinNeukoelln, embeddingWebsite, launchChromium, openWidget, PHONE, type Website } from "./browser-rig.js";

// An NGO's website on another origin (another 127.0.0.1 port) with the one-line snippet: the
// chat opens in a frame there, and a website whose origin is not in EMBED_ORIGINS is refused.

let running: Running;
let browser: Browser;
let allowed: Website;
let refused: Website;

beforeAll(async () => {
  // The websites' ports are known before Lotse starts: its EMBED_ORIGINS names the first one only.
  allowed = await embeddingWebsite("127.0.0.1", () => running.url);
  refused = await embeddingWebsite("127.0.0.1", () => running.url);
  running = await start({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: mkdtempSync(join(tmpdir(), "lotse-embed-")), LOG_LEVEL: "silent", EMBED_ORIGINS: allowed.origin });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  for (const site of [allowed, refused]) await site?.close();
});

/** Opens the website, presses the chat button and waits until the frame has loaded (or been refused). */
function openOn(site: Website): Promise<{ page: Page; chatRequests: string[] }> {
  return openWidget(browser, site.origin, running.lotse.t("de", "web.embedOpen"), `${running.url}/api/`);
}

describe("the chat embedded in another website", () => {
  it("says in its CSP which websites may frame it", async () => {
    const csp = (await fetch(running.url)).headers.get("content-security-policy") ?? "";
    expect(csp).toContain(`frame-ancestors ${allowed.origin};`);
    expect(csp).not.toContain(refused.origin);
  });

  it("opens from the one-line snippet on an allowed website and answers there", async () => {
    const { page } = await openOn(allowed);
    const panel = page.getByRole("dialog", { name: running.lotse.t("de", "web.title") });
    expect(await panel.isVisible()).toBe(true);
    // A phone: the panel takes the whole screen.
    expect(await panel.boundingBox()).toMatchObject({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
    const iframe = page.locator("iframe[data-lotse=frame]");
    expect(await iframe.getAttribute("src")).toBe(`${running.url}/`);
    expect(await iframe.getAttribute("title")).toBe(running.lotse.t("de", "web.title"));

    const chat = page.frameLocator("iframe[data-lotse=frame]");
    await chooseBerlinNeukoelln(chat);
    const answer = await ask(chat, "Wie finde ich einen Kita-Platz für ein dreijähriges Kind in Berlin?");
    await expect.poll(() => answer.locator("h2").last().innerText()).toMatch(/Kita/);

    // Closed with its button; the chat button comes back and has the focus.
    await page.getByRole("button", { name: running.lotse.t("de", "web.embedClose") }).click();
    expect(await panel.isVisible()).toBe(false);
    const bubble = page.getByRole("button", { name: running.lotse.t("de", "web.embedOpen") });
    expect(await bubble.getAttribute("aria-expanded")).toBe("false");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-lotse"))).toBe("bubble");
    await page.close();
  });

  it("is refused by the chat on a website that is not in EMBED_ORIGINS", async () => {
    const { page, chatRequests } = await openOn(refused);
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
