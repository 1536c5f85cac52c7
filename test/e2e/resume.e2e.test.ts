/// <reference lib="dom" />
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type Running } from "../../src/main.js";
import type { Coordinator } from "../../src/escalation/desk.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CODE = /[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/;
const coordinator: Coordinator = { id: "c1", sees: () => true };

let running: Running;
let browser: Browser;

beforeAll(async () => {
  running = await start({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: mkdtempSync(join(tmpdir(), "lotse-resume-e2e-")), LOG_LEVEL: "silent" });
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

const lastBot = (page: Page) => page.locator("li.msg.bot").last();
const allText = (page: Page) => page.locator("#messages").innerText();

describe("resume code in a real browser", () => {
  it("hands over, shows a code, and a fresh browser with the code gets the case and its answers", async () => {
    const first = await browser.newPage({ locale: "de-DE" });
    await first.goto(running.url);
    await first.getByRole("button", { name: "Deutsch" }).click();
    await first.getByRole("button", { name: "Berlin" }).click();
    await first.getByRole("button", { name: "Pankow" }).click();
    await expect.poll(async () => (await lastBot(first)).innerText()).toMatch(/Pankow/);
    await first.fill("#input", "Frau K. hat eine Ablehnung vom Jobcenter. Soll sie Widerspruch einlegen?");
    await first.click("#send");
    const send = first.getByRole("button", { name: "Ja, an Ansprechperson weitergeben" });
    await send.waitFor();
    await send.click();
    const shown = first.locator("li.msg.code");
    await shown.waitFor();
    const code = (await shown.innerText()).match(CODE)![0];
    const ticket = (await allText(first)).match(/L-[2-9A-Z]{6}/)![0];
    await running.lotse.desk.answer(coordinator, ticket, "Erste Antwort: bitte den Bescheid mitbringen.");

    // Another device: a new browser context, so a new cookie and a new session.
    const second = await browser.newPage({ locale: "de-DE" });
    await second.goto(running.url);
    await second.getByText("Ich habe einen Code").click();
    await second.fill("#resume-code", "ZZZZ-ZZZZ");
    await second.click("#resume-submit");
    await expect.poll(() => second.locator("#resume-status").innerText()).toMatch(/nicht gültig/);
    await second.fill("#resume-code", code.toLowerCase());
    await second.click("#resume-submit");
    await expect.poll(() => allText(second)).toMatch(/Willkommen zurück/);
    expect(await allText(second)).toContain("Erste Antwort: bitte den Bescheid mitbringen.");
    const fresh = (await second.locator("li.msg.code").innerText()).match(CODE)![0];
    expect(fresh).not.toBe(code);

    // A later answer arrives live in the new browser (the page polls).
    await running.lotse.desk.answer(coordinator, ticket, "Zweite Antwort: der Termin ist am Montag.");
    await expect.poll(() => allText(second), { timeout: 20_000, interval: 500 }).toContain("Zweite Antwort");
    expect((await allText(second)).split("Zweite Antwort").length - 1).toBe(1);
    await first.close();
    await second.close();
  });
});
