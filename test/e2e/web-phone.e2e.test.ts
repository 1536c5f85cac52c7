/// <reference lib="dom" />
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type Running } from "../../src/main.js";
import { botMessages, launchChromium, phoneChat, phonePage, PHONE } from "./browser-rig.js";

// The web chat on a phone (390×844): where a long answer lands, the folded "Mehr", the typing
// indicator, a question that met a network error, the "Themen" button.

let running: Running;
let browser: Browser;

beforeAll(async () => {
  running = await start({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: mkdtempSync(join(tmpdir(), "lotse-phone-")), LOG_LEVEL: "silent" });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

/** A new phone (a new context: a new cookie, a new user), set up for Berlin-Neukölln in German. */
const phone = (): Promise<Page> => phoneChat(browser, running.url);

/** The German entry with the longest main text (and a "Mehr" part), and a question Lotse answers with it. */
function longEntry(): { topic: string; title: string; question: string } {
  const { kb, triage } = running.lotse.knowledge;
  const found = [...kb.topics.values()]
    .map((topic) => topic.entries.get("de"))
    .filter((entry) => entry !== undefined && entry.moreBlocks.length > 0)
    .sort((a, b) => b!.body.length + (b!.regions.berlin?.length ?? 0) - (a!.body.length + (a!.regions.berlin?.length ?? 0)))
    .flatMap((entry) => entry!.questions.filter((q) => triage.decide(q).topic === entry!.id && triage.decide(q).action === "answer").map((question) => ({ topic: entry!.id, title: entry!.title, question })));
  expect(found.length, "an answered entry with a Mehr part").toBeGreaterThan(0);
  return found[0]!;
}

/** Inbox replies (as the server holds them) whose heading is `title`. */
async function storedAnswers(page: Page, title: string): Promise<number> {
  return page.evaluate(async (heading) => {
    const data = (await (await fetch("/api/messages?after=0")).json()) as { messages: { reply: { blocks: { type: string; spans?: { text: string }[] }[] } }[] };
    return data.messages.filter((m) => m.reply.blocks.some((b) => b.type === "heading" && b.spans?.map((s) => s.text).join("") === heading)).length;
  }, title);
}

describe("the web chat on a phone", () => {
  it("shows a long answer from its headline, with Mehr folded", async () => {
    const page = await phone();
    const { title, question } = longEntry();
    const before = await botMessages(page).count();
    await page.fill("#input", question);
    await page.press("#input", "Enter");
    await expect.poll(() => botMessages(page).count()).toBe(before + 1);
    const answer = botMessages(page).last();
    await expect.poll(() => answer.locator("h2").innerText()).toBe(title);

    const chat = (await page.locator("#chat").boundingBox())!;
    const box = (await answer.boundingBox())!;
    // Taller than the visible chat: scrolled to its end, its headline would be out of sight.
    expect(box.height).toBeGreaterThan(chat.height);
    const headline = (await answer.locator("h2").boundingBox())!;
    expect(headline.y).toBeGreaterThanOrEqual(chat.y);
    expect(headline.y + headline.height).toBeLessThanOrEqual(chat.y + chat.height);
    expect(headline.y + headline.height).toBeLessThanOrEqual(PHONE.height);

    // "Mehr" is a closed <details> with its title as <summary>, opened by keyboard.
    const more = answer.locator("details");
    await expect.poll(() => more.count()).toBe(1);
    expect(await more.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await more.locator("summary").innerText()).toBe(running.lotse.t("de", "answer.more"));
    expect(await more.locator(":scope > :not(summary)").first().isVisible()).toBe(false);
    // Focus stayed in the input: the next question can be typed right away.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("input");
    await more.locator("summary").focus();
    await page.keyboard.press("Enter");
    expect(await more.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await more.locator(":scope > :not(summary)").first().isVisible()).toBe(true);
    await page.close();
  });

  it("shows that Lotse is writing while the answer is on its way, and not after", async () => {
    const page = await phone();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/messages", async (route) => {
      if (route.request().method() === "POST") await held;
      await route.continue();
    });
    const typing = page.locator("#typing");
    expect(await typing.isVisible()).toBe(false);
    const before = await botMessages(page).count();
    await page.fill("#input", "Wie finde ich einen Kita-Platz?");
    await page.click("#send");
    await expect.poll(() => typing.isVisible()).toBe(true);
    expect(await typing.getAttribute("role")).toBe("status");
    expect(await typing.textContent()).toContain(running.lotse.t("de", "web.typing"));
    expect(await botMessages(page).count()).toBe(before);
    release();
    await expect.poll(() => botMessages(page).count()).toBe(before + 1);
    expect(await typing.isVisible()).toBe(false);
    expect(await typing.textContent()).toBe("");
    await page.close();
  });

  it("keeps a question that met a network error, and sends it again once", async () => {
    const page = await phone();
    const { title, question } = longEntry();
    // The first post reaches Lotse, which answers, but the answer is lost on the way back.
    let posts = 0;
    await page.route("**/api/messages", async (route) => {
      if (route.request().method() !== "POST" || posts++ > 0) return route.continue();
      await route.fetch();
      await route.abort("connectionreset");
    });
    const sent: { text?: string; id?: string }[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().endsWith("/api/messages")) sent.push(request.postDataJSON() as { text?: string; id?: string });
    });
    await page.fill("#input", question);
    await page.click("#send");

    const failed = page.locator("#failed");
    await expect.poll(() => failed.isVisible()).toBe(true);
    expect(await failed.innerText()).toContain(running.lotse.t("de", "web.sendFailed"));
    expect(await page.inputValue("#input")).toBe(question);
    expect(await page.locator("#typing").isVisible()).toBe(false);
    expect(await storedAnswers(page, title)).toBe(1); // it did arrive

    await page.getByRole("button", { name: running.lotse.t("de", "web.resend") }).click();
    await expect.poll(() => page.locator("li.msg.bot h2", { hasText: title }).count()).toBe(1);
    await expect.poll(() => failed.isVisible()).toBe(false);
    expect(await page.inputValue("#input")).toBe("");
    // Sent twice with one id, handled once: one answer on screen and in the store.
    expect(sent.map((s) => s.text)).toEqual([question, question]);
    expect(sent[0]!.id).toBeTruthy();
    expect(sent[1]!.id).toBe(sent[0]!.id);
    expect(await storedAnswers(page, title)).toBe(1);
    expect(await page.locator("li.msg.me", { hasText: question }).count()).toBe(1);
    await page.close();
  });

  it("keeps a question that never left, and pressing Send again delivers it", async () => {
    const page = await phone();
    let posts = 0;
    await page.route("**/api/messages", (route) => (route.request().method() === "POST" && posts++ === 0 ? route.abort("internetdisconnected") : route.continue()));
    const before = await botMessages(page).count();
    await page.fill("#input", "Wie finde ich einen Kita-Platz?");
    await page.click("#send");
    await expect.poll(() => page.locator("#failed").isVisible()).toBe(true);
    expect(await page.inputValue("#input")).toBe("Wie finde ich einen Kita-Platz?");
    expect(await botMessages(page).count()).toBe(before);
    await page.click("#send");
    await expect.poll(() => botMessages(page).count()).toBe(before + 1);
    await expect.poll(() => botMessages(page).last().locator("h2").innerText()).toMatch(/Kita/);
    expect(await page.locator("li.msg.me", { hasText: "Kita-Platz" }).count()).toBe(1);
    await page.close();
  });

  it("has a Themen button in the header that sends /topics", async () => {
    const page = await phone();
    const button = page.locator("header").getByRole("button", { name: running.lotse.t("de", "web.topics") });
    const request = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith("/api/messages"));
    const before = await botMessages(page).count();
    await button.click();
    expect((await request).postDataJSON()).toMatchObject({ text: "/topics" });
    await expect.poll(() => botMessages(page).count()).toBeGreaterThan(before);
    await page.close();
  });

  it("loads without a failed request (favicon included), and may not be framed by default", async () => {
    const page = await phonePage(browser);
    const failures: string[] = [];
    page.on("response", (response) => {
      if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
    });
    const res = await page.goto(running.url);
    expect(res!.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    await expect.poll(() => botMessages(page).count()).toBeGreaterThan(0);
    const icon = await page.evaluate(async () => (await fetch("/favicon.ico")).headers.get("content-type"));
    expect(icon).toBe("image/svg+xml");
    expect(failures).toEqual([]);
    await page.close();
  });
});
