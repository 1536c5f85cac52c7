/// <reference lib="dom" />
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { start, type Running } from "../../src/main.js";
import { ask, chooseBerlinNeukoelln, embeddingWebsite, launchChromium, openWidget, PHONE, REPLY, type ChatView, type Website } from "./browser-rig.js";

// An NGO's website on another SITE than Lotse: the website is http://localhost:<port>, Lotse is
// http://127.0.0.1:<port>. Unlike another port of the same host (embed.e2e.test.ts), the browser
// now treats the chat as a third party: a SameSite=Strict session cookie is neither stored nor
// sent inside the frame, so the chat only keeps its conversation with the cookie Lotse sets for
// embedding (SameSite=None; Secure; Partitioned), which it does when PUBLIC_URL is https.

const QUESTION = "Wie finde ich einen Kita-Platz für ein dreijähriges Kind in Berlin?";

let browser: Browser;
/** Set up as the README says: EMBED_ORIGINS and an https PUBLIC_URL (TLS ends at a proxy in front). */
let lotse: Running;
/** EMBED_ORIGINS only, served over plain http. */
let plainLotse: Running;
let allowed: Website;
let refused: Website;
let plainAllowed: Website;

beforeAll(async () => {
  // The websites' ports are known before Lotse starts: EMBED_ORIGINS names the allowed ones only.
  allowed = await embeddingWebsite("localhost", () => lotse.url);
  refused = await embeddingWebsite("localhost", () => lotse.url);
  plainAllowed = await embeddingWebsite("localhost", () => plainLotse.url);
  const common = { PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" };
  // The browser reaches it over http on 127.0.0.1, which Chromium counts as a secure context: the
  // Secure cookie is kept as it would be over the proxy's https. PUBLIC_URL is never requested.
  lotse = await start({ ...common, DATA_DIR: mkdtempSync(join(tmpdir(), "lotse-xsite-")), EMBED_ORIGINS: allowed.origin, PUBLIC_URL: "https://lotse.example.org" });
  plainLotse = await start({ ...common, DATA_DIR: mkdtempSync(join(tmpdir(), "lotse-xsite-plain-")), EMBED_ORIGINS: plainAllowed.origin });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await lotse?.stop();
  await plainLotse?.stop();
  for (const site of [allowed, refused, plainAllowed]) await site?.close();
});

const de = (key: string) => lotse.lotse.t("de", key);

/** The website with the chat opened from its button; `chat` is the chat inside the frame. */
async function openChat(site: Website, running: Running): Promise<{ page: Page; chat: FrameLocator; chatRequests: string[] }> {
  const opened = await openWidget(browser, site.origin, de("web.embedOpen"), `${running.url}/api/`);
  return { ...opened, chat: opened.page.frameLocator("iframe[data-lotse=frame]") };
}

/** Waits until every request the chat made has been answered and shown (the typing indicator is gone). */
async function settled(chat: ChatView): Promise<void> {
  await expect.poll(() => chat.locator("#typing.active").count(), REPLY).toBe(0);
}

describe("the chat embedded in a website of another site", () => {
  it("is framed across sites: the website's origin and Lotse's differ in their host", () => {
    const website = new URL(allowed.origin);
    const chat = new URL(lotse.url);
    expect(website.hostname).toBe("localhost");
    expect(chat.hostname).toBe("127.0.0.1");
  });

  it("opens from the one-line snippet and answers inside the frame, and keeps the conversation there", async () => {
    const { page, chat } = await openChat(allowed, lotse);
    const panel = page.getByRole("dialog", { name: de("web.title") });
    expect(await panel.isVisible()).toBe(true);
    expect(await panel.boundingBox()).toMatchObject({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
    expect(await page.locator("iframe[data-lotse=frame]").getAttribute("src")).toBe(`${lotse.url}/`);

    // Each step needs the session of the step before: the region buttons answer the language.
    await chooseBerlinNeukoelln(chat);
    const answer = await ask(chat, QUESTION);
    await expect.poll(() => answer.locator("h2").first().innerText(), REPLY).toMatch(/Kita/);
    expect(await answer.locator("h2").first().isVisible()).toBe(true);

    // Back on the website later: the chat in the frame shows the conversation's replies again.
    await page.reload();
    await page.getByRole("button", { name: de("web.embedOpen") }).click();
    await expect.poll(() => chat.locator("li.msg.bot h2", { hasText: /Kita/ }).count(), REPLY).toBe(1);
    expect(await chat.locator("li.msg.bot", { hasText: "Neukölln (Berlin)" }).count()).toBeGreaterThan(0);

    // Lotse opened directly in the same browser starts afresh (the language question): the framed
    // session belongs to this website alone (a partitioned cookie).
    const direct = await page.context().newPage();
    await direct.goto(lotse.url);
    await expect.poll(() => direct.getByRole("button", { name: "Deutsch" }).count(), REPLY).toBe(1);
    expect(await direct.locator("li.msg.bot h2", { hasText: /Kita/ }).count()).toBe(0);
    await direct.close();
    await page.close();
  });

  it("is refused on a website of another site that is not in EMBED_ORIGINS (frame-ancestors)", async () => {
    const csp = (await fetch(lotse.url)).headers.get("content-security-policy") ?? "";
    expect(csp).toContain(`frame-ancestors ${allowed.origin};`);
    expect(csp).not.toContain(refused.origin);
    const { page, chatRequests } = await openChat(refused, lotse);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(frame).toBeDefined();
    await frame.waitForLoadState("load");
    // The browser shows its error page instead: no chat, and the chat's script never ran.
    expect(frame.url()).not.toBe(`${lotse.url}/`);
    expect(await frame.locator("#composer").count()).toBe(0);
    expect(chatRequests).toEqual([]);
    await page.close();
  });

  // Without an https PUBLIC_URL: the cookie is still Secure (and so SameSite=None, Partitioned) when
  // the request is https or on a loopback host, which browsers treat as secure. (Over plain http on
  // a real host no browser keeps a cookie in a cross-site frame: Lotse warns at start, see routes.ts.)
  it("keeps its conversation across sites on a loopback host without an https PUBLIC_URL", async () => {
    const { page, chat } = await openChat(plainAllowed, plainLotse);
    onTestFinished(() => page.close());
    const german = chat.getByRole("button", { name: "Deutsch" });
    await german.waitFor();
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && r.url() === `${plainLotse.url}/api/messages`);
    await german.click();
    await answered;
    await settled(chat);
    expect(await chat.getByRole("button", { name: "Berlin" }).count()).toBeGreaterThan(0);
  });
});
