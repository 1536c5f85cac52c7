/// <reference lib="dom" />
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type Running } from "../../src/main.js";
import { ROOT } from "../../src/paths.js";
import { FakeTelegram, type RecordedCall } from "../fakes/telegram-api.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = join(ROOT, "test-artifacts");
const LIVE = { timeout: 15_000 }; // the web chat polls every 5 s; the desk is pushed at once
/** Each test starts its own Lotse (which trains the classifiers if the knowledge changed) and drives browsers. */
const SLOW = 120_000;

let browser: Browser;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  expect(existsSync(CHROMIUM), `Chromium expected at ${CHROMIUM} (apt-get install chromium)`).toBe(true);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
});

afterAll(async () => {
  await browser?.close();
  while (cleanups.length) await cleanups.pop()!();
});

async function startLotse(env: Record<string, string> = {}): Promise<Running> {
  const running = await start({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: mkdtempSync(join(tmpdir(), "lotse-desk-")), LOG_LEVEL: "silent", ...env });
  cleanups.push(() => running.stop());
  return running;
}

/** A coordinator signed in through their one-time link, in a browser context of their own; the feed is connected. */
async function openDesk(running: Running, regions: string[]): Promise<Page> {
  const { token } = await running.lotse.accounts.create({ name: "Anna Beispiel", regions }, 3600_000);
  const context = await browser.newContext({ locale: "de-DE", viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${running.url}/desk/sign-in?token=${token}`);
  expect(new URL(page.url()).pathname).toBe("/desk");
  expect(page.url()).not.toContain("token");
  await expect.poll(() => page.locator("#live").innerText(), LIVE).toMatch(/automatisch/);
  // Set once: still there later means the page was never reloaded.
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  return page;
}

const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

async function lastBot(page: Page) {
  return page.locator("li.msg.bot").last();
}

async function ask(page: Page, question: string) {
  const before = await page.locator("li.msg.bot").count();
  await page.fill("#input", question);
  await page.click("#send");
  await page.waitForFunction((n) => document.querySelectorAll("li.msg.bot").length > n, before);
}

describe("web desk in a real browser", () => {
  it("shows a web chat hand-over live, and the answer and the follow-up travel both ways without reload", { timeout: SLOW }, async () => {
    const running = await startLotse();
    const desk = await openDesk(running, ["berlin"]);
    await expect.poll(() => desk.locator("#empty").isVisible()).toBe(true);

    // (1) The volunteer, in a browser context of their own, hands a question over.
    const volunteer = await (await browser.newContext({ locale: "de-DE", viewport: { width: 420, height: 900 } })).newPage();
    await volunteer.goto(running.url);
    await volunteer.getByRole("button", { name: "Deutsch" }).click();
    await volunteer.getByRole("button", { name: "Berlin" }).click();
    await volunteer.getByRole("button", { name: "Neukölln" }).click();
    await expect.poll(async () => (await lastBot(volunteer)).innerText()).toMatch(/Neukölln \(Berlin\)/);
    await ask(volunteer, "/contact Die Familie hat <b>Post</b> vom Jobcenter bekommen. <script>window.pwned=1</script> Was nun?");
    await (await lastBot(volunteer)).getByRole("button", { name: /an Ansprechperson weitergeben/ }).click();
    // Other notices may follow the confirmation (a continuation code): the one with the number counts.
    const confirmation = volunteer.locator("li.msg.bot", { hasText: /Vorgangsnummer: L-[A-Z0-9]{6}/ });
    await expect.poll(() => confirmation.count()).toBe(1);
    const ticketId = /L-[A-Z0-9]{6}/.exec(await confirmation.innerText())![0];

    // (2) The desk shows it without reload, with its counts and the live notice.
    const item = desk.locator(`#tickets li[data-ticket="${ticketId}"]`);
    await expect.poll(() => item.count(), LIVE).toBe(1);
    expect(await item.innerText()).toMatch(/offen/);
    expect(await item.innerText()).toMatch(/Neukölln \(Berlin\)/);
    await expect.poll(() => desk.locator("#live").innerText()).toContain(ticketId);
    expect(await notReloaded(desk)).toBe(true);

    // (3) Claim and answer, by keyboard-reachable, labelled controls.
    await item.locator("a").click();
    await expect.poll(() => desk.locator("#ticket-heading").innerText()).toContain(ticketId);
    expect(await desk.locator("#question").innerText()).toContain("<script>window.pwned=1</script>");
    expect(await desk.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await desk.getByRole("button", { name: "Übernehmen" }).click();
    await expect.poll(() => desk.locator("#fields").innerText()).toMatch(/übernommen/);
    await desk.getByLabel("Antwort an die ehrenamtliche Person").fill("Bitte den Bescheid zur Beratungsstelle mitnehmen.");
    await desk.getByRole("button", { name: "Antwort senden" }).click();
    await expect.poll(() => desk.locator("#conversation").innerText()).toMatch(/Beratungsstelle mitnehmen/);
    await expect.poll(() => desk.locator("#fields").innerText()).toMatch(/beantwortet/);

    // (4) The volunteer's page shows the answer without reload.
    const answer = volunteer.locator("li.msg.bot", { hasText: /Beratungsstelle mitnehmen/ });
    await expect.poll(() => answer.count(), LIVE).toBe(1);

    // (5) The volunteer asks back; the desk shows it without reload.
    await answer.getByRole("button", { name: "Rückfrage stellen" }).click();
    await expect.poll(async () => (await lastBot(volunteer)).innerText()).toMatch(/Rückfrage/);
    await ask(volunteer, "Welche Beratungsstelle ist in Neukölln zuständig?");
    await expect.poll(() => desk.locator("#conversation").innerText(), LIVE).toMatch(/Welche Beratungsstelle ist in Neukölln/);
    await expect.poll(() => desk.locator("#fields").innerText()).toMatch(/übernommen/);
    expect(await notReloaded(desk)).toBe(true);

    mkdirSync(ARTIFACTS, { recursive: true });
    await desk.screenshot({ path: join(ARTIFACTS, "web-desk-ticket.png"), fullPage: true });

    // Phone-sized, the desk still works: back to the list by keyboard.
    await desk.setViewportSize({ width: 380, height: 800 });
    await desk.locator("#back").focus();
    await desk.keyboard.press("Enter");
    await expect.poll(() => desk.locator(`#tickets li[data-ticket="${ticketId}"]`).isVisible()).toBe(true);
    await desk.screenshot({ path: join(ARTIFACTS, "web-desk-phone.png"), fullPage: true });
    await volunteer.close();
    await desk.close();
  });

  it("refuses a sign-in link used twice with a page that says to ask for a new one", { timeout: SLOW }, async () => {
    const running = await startLotse();
    const { token } = await running.lotse.accounts.create({ name: "Ben", regions: ["berlin"] }, 3600_000);
    // Used once already (on another device, or by a mail scanner that opened it).
    expect((await fetch(`${running.url}/desk/sign-in?token=${token}`, { redirect: "manual" })).status).toBe(303);
    const page = await (await browser.newContext({ locale: "de-DE" })).newPage();
    const second = await page.goto(`${running.url}/desk/sign-in?token=${token}`);
    expect(second?.status()).toBe(401);
    expect(await page.locator("h1").innerText()).toMatch(/gilt nicht mehr/);
    await page.close();
  });
});

const sends = (fake: FakeTelegram, chatId: number) => fake.calls.filter((c) => c.method === "sendMessage" && Number(c.body.chat_id) === chatId);
const keyboard = (call: RecordedCall) => ((call.body.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat();

describe("web desk with a Telegram hand-over", () => {
  it("shows the Telegram hand-over and delivers the coordinator's answer to the Bot API exactly once", { timeout: SLOW }, async () => {
    const fake = await FakeTelegram.start({ token: "123456:AAH-test_token-for-desk" });
    cleanups.push(() => fake.stop());
    const running = await startLotse({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot });
    const desk = await openDesk(running, ["berlin-neukoelln"]);
    const chat = 801;
    const waitForSends = async (count: number) => {
      await fake.waitFor(() => sends(fake, chat).length >= count, 10_000);
      return sends(fake, chat);
    };
    const press = async (index: number, label: string | RegExp) => {
      const call = (await waitForSends(index + 1))[index]!;
      const button = keyboard(call).find((b) => (typeof label === "string" ? b.text === label : label.test(b.text)))!;
      const messageId = Number((fake.messagesIn(chat)[index] as { message_id: number }).message_id);
      fake.push(fake.callback({ chatId: chat, userId: chat, messageId, data: button.callback_data! }));
    };

    fake.push(fake.message({ chatId: chat, userId: chat, text: "/start", languageCode: "de" }));
    await press(1, "Deutsch");
    await press(3, "Berlin");
    await press(4, "Neukölln");
    await waitForSends(6);
    fake.push(fake.message({ chatId: chat, userId: chat, text: "/contact Bekommt die Familie Leistungen, solange der Antrag läuft?" }));
    await press(6, /an Ansprechperson weitergeben/);
    const confirmation = (await waitForSends(8))[7]!;
    const ticketId = /L-[A-Z0-9]{6}/.exec(String(confirmation.body.text))![0];

    const item = desk.locator(`#tickets li[data-ticket="${ticketId}"]`);
    await expect.poll(() => item.count(), LIVE).toBe(1);
    await item.locator("a").click();
    await expect.poll(() => desk.locator("#question").innerText()).toMatch(/solange der Antrag läuft/);

    // The same answer sent twice at once (a double submit, a retry) is relayed once.
    const statuses = await desk.evaluate(async (id) => {
      const post = () => fetch(`/desk/api/tickets/${id}/answer`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: "Ja, bis zur Entscheidung.", id: "double-submit-1" }) }).then((r) => r.status);
      return Promise.all([post(), post()]);
    }, ticketId);
    expect(statuses).toEqual([200, 200]);
    await expect.poll(() => desk.locator("#conversation").innerText(), LIVE).toMatch(/bis zur Entscheidung/);
    await fake.waitFor((c) => c.method === "sendMessage" && Number(c.body.chat_id) === chat && /bis zur Entscheidung/.test(String(c.body.text)), 10_000);

    // Anything queued for this chat after the answer arrives after it: then no second copy can follow.
    fake.push(fake.message({ chatId: chat, userId: chat, text: "/help" }));
    const count = sends(fake, chat).length;
    await waitForSends(count + 1);
    expect(sends(fake, chat).filter((c) => /bis zur Entscheidung/.test(String(c.body.text)))).toHaveLength(1);
    await desk.close();
  });
});
