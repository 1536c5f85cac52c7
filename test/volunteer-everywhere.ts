import { expect } from "vitest";
import type { Lotse } from "../src/app.js";
import type { Clock } from "../src/core/clock.js";
import { addressKey, type Address, type Reply } from "../src/core/message.js";
import type { UserDataExport } from "../src/privacy/personal-data.js";
import { buttonsOf, command, press, text } from "./helpers.js";

/**
 * A web volunteer who left data in every namespace the record of processing marks "volunteer",
 * each through the path that writes it in real use (or, where a platform would, as it would).
 * The Lotse must have its web chat mounted (createHttpApp), as every running Lotse has.
 * The clock must stand 7 days before a jour fixe Berlin-Nord (knowledge/events.yaml), e.g.
 * 2026-11-05T17:00:00Z, so that the reminder of it is due.
 */
export async function volunteerEverywhere(lotse: Lotse, clock: Clock, who: Address): Promise<{ ticketId: string }> {
  await lotse.receive(command(who, "language", "de"));
  await lotse.receive(command(who, "region", "berlin-pankow"));
  await lotse.receive(command(who, "subscribe"));
  // A hand-over: a ticket, a resume code (web), replies in the inbox.
  const [offer] = await lotse.receive(command(who, "contact", "Familie Qwertzuiop braucht Hilfe beim Widerspruch gegen den Bescheid vom Jobcenter"));
  await lotse.receive(press(who, buttonsOf(offer!).find((b) => b.style === "primary")!.id));
  const ticket = (await lotse.tickets.of(who))[0]!;
  await lotse.drafts.save({ ticket: ticket.id, topic: null, question: ticket.question, answer: "Bitte den Bescheid mitbringen.", by: "U_COORD", at: clock.now().toISOString() });
  // The last question and the buttons that carry it.
  await lotse.receive(text(who, "Wie finde ich einen Kita-Platz für die Tochter von Familie Qwertzuiop?"));
  // A wrong resume code, counted against this browser session.
  await lotse.store.unit(() => lotse.assistant.resume(who, "2222-2222"));
  // The jour fixe's reminder to the subscriber (its posted record), and the message reference a
  // platform that edits in place (Telegram, Discord) would have returned on delivery.
  expect(await lotse.reminders.run()).toBeGreaterThan(0);
  const posted = (await lotse.store.ns<{ address: Address; refKey: string }[]>("reminders").get("posted:jour-fixe-berlin-nord@2026-11-12T18:00")) ?? [];
  const mine = posted.find((p) => p.address.userId === who.userId);
  expect(mine, "the reminder of the jour fixe on 12 November went to the volunteer").toBeDefined();
  await lotse.store.ns("meta").set(`ref:${mine!.refKey}`, "4711");
  // Messages carrying the volunteer's data that wait in the outbox: a follow-up for a Slack that
  // is down, and one given up on for good.
  const followUp: Reply = { lang: "de", blocks: [{ type: "paragraph", spans: [{ text: "Rückfrage zu Qwertzuiop: reicht nächste Woche?" }] }] };
  await lotse.outbox.enqueue({ platform: "slack", chatId: "#lotse-berlin-nord", userId: "slack" }, followUp, { subject: addressKey(who) });
  const dead = await lotse.outbox.enqueue({ platform: "telegram", chatId: "4242", userId: "4242" }, followUp, { subject: addressKey(who) });
  await lotse.store.live().kill(dead, 25, clock.now().getTime(), "attempts");
  return { ticketId: ticket.id };
}

/** The sections of an export (without its header). */
export function sectionsOf(data: UserDataExport): Record<string, unknown> {
  const { exportedAt: _at, user: _user, notes: _notes, ...sections } = data;
  return sections;
}

/** The user's /my_data, parsed. */
export async function myData(lotse: Lotse, who: Address): Promise<UserDataExport> {
  const [reply] = await lotse.receive(command(who, "my_data"));
  return JSON.parse(reply!.attachment!.content) as UserDataExport;
}
