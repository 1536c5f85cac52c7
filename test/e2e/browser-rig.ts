import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";

/**
 * What the browser tests share: Debian's Chromium driven by playwright-core, a phone-sized page,
 * a volunteer set up for Berlin-Neukölln in German, and an NGO website carrying the embed snippet.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const PHONE = { width: 390, height: 844 };
/** A reply from Lotse goes through its whole pipeline: on two busy cores that may take more than expect.poll's default second. */
export const REPLY = { timeout: 15_000 };

export async function launchChromium(): Promise<Browser> {
  expect(existsSync(CHROMIUM), `Chromium expected at ${CHROMIUM} (apt-get install chromium)`).toBe(true);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
}

/** The chat as the user has it: its own page, or the frame it runs in on another website. */
export type ChatView = Pick<Page, "getByRole" | "locator">;

export const botMessages = (chat: ChatView): Locator => chat.locator("li.msg.bot");

/** Answers the first questions of a new chat: German, Berlin, Neukölln. */
export async function chooseBerlinNeukoelln(chat: ChatView): Promise<void> {
  // Bounded: a chat that lost its session never shows the next button, and says so here.
  for (const name of ["Deutsch", "Berlin", "Neukölln"]) await chat.getByRole("button", { name }).click(REPLY);
  await expect.poll(() => botMessages(chat).last().innerText(), REPLY).toMatch(/Neukölln \(Berlin\)/);
}

/** How every test browses: a German phone. */
const GERMAN_PHONE = { locale: "de-DE", viewport: PHONE };

/** A new, empty phone tab (a new context: a new cookie, a new user), for tests that watch the chat load. */
export function phonePage(browser: Browser): Promise<Page> {
  return browser.newPage(GERMAN_PHONE);
}

/** A new phone (a new context: a new cookie, a new user) with the chat set up for Berlin-Neukölln in German. */
export async function phoneChat(browser: Browser, chatUrl: string): Promise<Page> {
  const page = await phonePage(browser);
  await page.goto(chatUrl);
  await chooseBerlinNeukoelln(page);
  return page;
}

/** Sends a question from the input and waits for the answer that follows it; returns that answer. */
export async function ask(chat: ChatView, question: string): Promise<Locator> {
  const before = await botMessages(chat).count();
  await chat.locator("#input").fill(question);
  await chat.locator("#send").click();
  await expect.poll(() => botMessages(chat).count(), REPLY).toBeGreaterThan(before);
  return botMessages(chat).nth(before);
}

export interface Website {
  origin: string;
  close(): Promise<void>;
}

/**
 * An NGO's plain website on 127.0.0.1, addressed as `http://<host>:<port>`: "localhost" makes it
 * another site than a Lotse reached as 127.0.0.1. Its page carries the one-line snippet; `lotseUrl`
 * is asked per request, so the site can exist (and be named in EMBED_ORIGINS) before Lotse starts.
 */
export async function embeddingWebsite(host: "127.0.0.1" | "localhost", lotseUrl: () => string): Promise<Website> {
  const server: Server = createServer((req, res) => {
    if (req.url !== "/") return void res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Flüchtlingshilfe Musterstadt</title></head>
<body><h1>Flüchtlingshilfe Musterstadt</h1><p>Willkommen.</p>
<script src="${lotseUrl()}/embed.js" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://${host}:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Opens the website on a phone, presses the chat button (labelled `openLabel`) and waits until the
 * frame has navigated (to the chat, or to the browser's error page when the chat refuses the frame).
 * `chatRequests`: every request the page made to the chat's API (`apiPrefix`), frame included.
 * The page is the first tab of a browser profile of its own: `page.context()` can open more.
 */
export async function openWidget(browser: Browser, site: string, openLabel: string, apiPrefix: string): Promise<{ page: Page; chatRequests: string[] }> {
  // A context of its own (a new browser profile) that more tabs can join; it goes with the page.
  const context = await browser.newContext(GERMAN_PHONE);
  const page = await context.newPage();
  // Closing the browser (afterAll) closes the page too; the context is gone by then.
  page.once("close", () => void context.close().catch(() => undefined));
  const chatRequests: string[] = [];
  page.on("request", (request) => {
    if (request.url().startsWith(apiPrefix)) chatRequests.push(request.url());
  });
  await page.goto(site);
  const bubble = page.getByRole("button", { name: openLabel });
  await bubble.waitFor();
  expect(await bubble.getAttribute("aria-expanded")).toBe("false");
  const loaded = page.waitForEvent("framenavigated", (frame) => frame !== page.mainFrame());
  await bubble.click();
  await loaded;
  return { page, chatRequests };
}
