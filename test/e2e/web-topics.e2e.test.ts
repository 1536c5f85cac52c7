/// <reference lib="dom" />
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type Running } from "../../src/main.js";
import { MAX_TOPICS_PER_PAGE } from "../../src/conversation/topics-browse.js";
import { topicTitle } from "../../src/conversation/compose.js";
import { botMessages, launchChromium, phoneChat, PHONE, REPLY } from "./browser-rig.js";

// A volunteer on a phone browses what Lotse knows instead of asking: the header's "Themen", an
// area, its topics page by page, one topic, and its answer with the link to share it.

let running: Running;
let browser: Browser;

beforeAll(async () => {
  running = await start({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: mkdtempSync(join(tmpdir(), "lotse-topics-")), LOG_LEVEL: "silent" });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

const de = (key: string, vars?: Record<string, unknown>) => running.lotse.t("de", key, vars);

/** Presses `button` and waits for the message it brings; returns that message. */
async function press(page: Page, button: Locator): Promise<Locator> {
  const before = await botMessages(page).count();
  await button.click();
  await expect.poll(() => botMessages(page).count(), REPLY).toBeGreaterThan(before);
  return botMessages(page).nth(before);
}

/** The labels of a message's buttons that are visible to the user. */
async function visibleButtons(message: Locator): Promise<string[]> {
  const labels: string[] = [];
  for (const button of await message.getByRole("button").all()) {
    expect(await button.isVisible(), `button ${await button.innerText()} in sight`).toBe(true);
    labels.push((await button.innerText()).trim());
  }
  return labels;
}

/** The topic (id and German entry) whose German title is `title`: the id is what the share link names. */
function topicNamed(title: string): { id: string; hasMore: boolean } | undefined {
  const { kb } = running.lotse.knowledge;
  const topic = [...kb.topics.values()].find((candidate) => topicTitle(kb, candidate.id, "de") === title);
  return topic && { id: topic.id, hasMore: (topic.entries.get("de")?.moreBlocks.length ?? 0) > 0 };
}

describe("browsing the topics in the web chat on a phone", () => {
  it("goes from Themen to an area, pages through it, and opens a topic's answer and its page to share", async () => {
    const page = await phoneChat(browser, running.url);

    // The header's "Themen": the areas, one button each, with how many topics they hold.
    const areasMessage = await press(page, page.locator("header").getByRole("button", { name: de("web.topics") }));
    expect(await areasMessage.innerText()).toContain(de("browse.areas").replace(/\*\*/g, ""));
    const areas = (await visibleButtons(areasMessage)).map((label) => {
      const match = /^(.+) \((\d+)\)$/.exec(label);
      expect(match, `area button "${label}" shows its number of topics`).not.toBeNull();
      return { label, title: match![1]!, topics: Number(match![2]) };
    });
    expect(areas.length).toBeGreaterThan(1);
    // The largest area: the one that needs more than one page, if any does.
    const area = areas.reduce((a, b) => (b.topics > a.topics ? b : a));
    const pages = Math.ceil(area.topics / MAX_TOPICS_PER_PAGE);
    expect(pages, "an area with more topics than fit one page").toBeGreaterThan(1);

    // The area: its topics page by page, "Weiter →" to the next one; every topic once.
    let message = await press(page, areasMessage.getByRole("button", { name: area.label, exact: true }));
    const perPage: string[][] = [];
    for (let current = 1; current <= pages; current++) {
      expect(await message.innerText()).toContain(de("browse.areaPage", { area: area.title, page: current, pages }).replace(/\*\*/g, ""));
      const labels = await visibleButtons(message);
      expect(labels).toContain(de("browse.allAreas"));
      expect(labels.includes(de("browse.previous"))).toBe(current > 1);
      expect(labels.includes(de("browse.next"))).toBe(current < pages);
      const topics = labels.filter((label) => ![de("browse.previous"), de("browse.next"), de("browse.allAreas")].includes(label));
      expect(topics.length).toBeGreaterThan(0);
      expect(topics.length).toBeLessThanOrEqual(MAX_TOPICS_PER_PAGE);
      perPage.push(topics);
      if (current < pages) message = await press(page, message.getByRole("button", { name: de("browse.next"), exact: true }));
    }
    const seen = perPage.flat();
    expect(seen.length).toBe(area.topics);
    expect(new Set(seen).size).toBe(seen.length);

    // A topic from the last page, one whose answer has a "Mehr" part.
    const title = perPage.at(-1)!.find((label) => topicNamed(label)?.hasMore);
    expect(title, "a topic with a Mehr part on the last page").toBeDefined();
    const topic = topicNamed(title!)!;
    const answer = await press(page, message.getByRole("button", { name: title!, exact: true }));

    // Its headline in sight, at the top of the chat, within the phone's screen.
    const headline = answer.locator("h2").first();
    expect(await headline.innerText()).toBe(title);
    expect(await headline.isVisible()).toBe(true);
    const chat = (await page.locator("#chat").boundingBox())!;
    const box = (await headline.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(chat.y);
    expect(box.y + box.height).toBeLessThanOrEqual(Math.min(chat.y + chat.height, PHONE.height));

    // "Mehr" folded: its title shows, its text does not.
    const more = answer.locator("details");
    expect(await more.count()).toBe(1);
    expect(await more.locator("summary").innerText()).toBe(de("answer.more"));
    expect(await more.locator(":scope > :not(summary)").first().isVisible()).toBe(false);

    // The link to share: /kb/<topic> in German, opening a readable page of its own.
    const share = answer.getByRole("link", { name: de("browse.share"), exact: true });
    expect(await share.isVisible()).toBe(true);
    const href = new URL((await share.getAttribute("href"))!, running.url);
    expect(href.pathname).toBe(`/kb/${topic.id}`);
    expect(href.searchParams.get("lang")).toBe("de");
    const [shared] = await Promise.all([page.waitForEvent("popup"), share.click()]);
    await shared.waitForLoadState("domcontentloaded");
    expect(new URL(shared.url()).pathname).toBe(`/kb/${topic.id}`);
    expect(await shared.locator("html").getAttribute("lang")).toBe("de");
    expect(await shared.title()).toBe(title);
    const heading = shared.locator("main h1");
    expect(await heading.innerText()).toBe(title);
    expect(await heading.isVisible()).toBe(true);
    expect(await shared.getByRole("link", { name: de("browse.page.index"), exact: true }).isVisible()).toBe(true);
    expect((await shared.locator("main").innerText()).length).toBeGreaterThan(200);
    // Readable on the phone: nothing wider than the screen, no sideways scrolling.
    const width = await shared.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await shared.close();
    await page.close();
  });

  it("shows the same areas for a typed /topics", async () => {
    const page = await phoneChat(browser, running.url);
    const viaButton = await press(page, page.locator("header").getByRole("button", { name: de("web.topics") }));
    const before = await botMessages(page).count();
    await page.fill("#input", "/topics");
    await page.press("#input", "Enter");
    await expect.poll(() => botMessages(page).count(), REPLY).toBeGreaterThan(before);
    const viaCommand = botMessages(page).nth(before);
    expect(await visibleButtons(viaCommand)).toEqual(await visibleButtons(viaButton));
    await page.close();
  });
});
