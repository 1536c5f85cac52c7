// Issue 13, case 5: what a coordinator writes in Slack reaches the volunteer readable (real process,
// Telegram volunteer). Slack's encoding is decoded: entities, links with their label, mentions as
// the contact's role or the channel's name, never a Slack id; replies "also sent to the channel"
// and replies with a file are relayed (a file as a note, never forwarded); a reply under the card
// of a ticket that no longer exists gets an ephemeral notice. Before the fix `&amp;`, `<url|label>`
// and `<@U…>` arrived as they were, and broadcast, file and orphaned replies vanished silently.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { Tickets } from "../../src/escalation/tickets.js";
import { silentLogger } from "../helpers.js";
import { until } from "../process-harness.js";
import { COORDINATOR, NORD, NORD_ROLE, Rig, WAIT, cleanupsAfterEach } from "./rig.js";

const cleanup = cleanupsAfterEach();
const FILE_NOTE = "hat eine Datei angehängt"; // handover.fileAttached (de)
const GONE = "Diesen Vorgang gibt es nicht mehr"; // slack.ticketGone (de)

describe("Slack to volunteer", { timeout: 120_000 }, () => {
  it("decodes entities, links and mentions; relays thread_broadcast and file_share replies, a file as a note", async () => {
    const rig = await Rig.open(cleanup);
    const lotse = await rig.start();
    const chat = 5101;
    const { ts } = await rig.handOver(lotse, chat);

    const markup = "Termin &amp; Unterlagen: <https://example.org|Beratung>. Fragen Sie <@U0COORD2> oder im <#C123|team> <!channel>.";
    expect(await rig.reply(lotse, rig.threadReply(ts, markup), { eventId: "EvDecode1" })).toBe(200);
    const [decoded] = await until(() => rig.shown(chat, "Termin").length > 0, "the decoded answer", WAIT).then(() => rig.shown(chat, "Termin"));
    expect(decoded!.text).toContain("Termin & Unterlagen: Beratung.");
    const link = decoded!.entities?.find((e) => e.type === "text_link");
    expect(link?.url).toMatch(/^https:\/\/example\.org\/?$/);
    expect(decoded!.text.slice(link!.offset, link!.offset + link!.length)).toBe("Beratung");
    expect(decoded!.text).toContain(`Fragen Sie ${NORD_ROLE} oder im #team.`);
    expect(decoded!.text).not.toMatch(/U0COORD2|C123|&amp;|<|>|channel/);
    expect(JSON.stringify(decoded!.entities ?? [])).not.toMatch(/U0COORD2|C123/);

    const broadcast = rig.threadReply(ts, "Sprechstunde-5101: Donnerstag 10 Uhr im Beratungsraum.", { subtype: "thread_broadcast" });
    const withFile = rig.threadReply(ts, "Formular-5101: Hier das Formular zum Ausfüllen.", { subtype: "file_share", files: ["Antrag.pdf"] });
    const fileOnly = rig.threadReply(ts, "", { subtype: "file_share", files: ["Bescheid-Kopie.pdf"] });
    for (const [i, event] of [broadcast, withFile, fileOnly].entries()) expect(await rig.reply(lotse, event, { eventId: `EvDecode${i + 2}` })).toBe(200);
    await until(() => rig.shown(chat, FILE_NOTE).length >= 2, "the file notes", WAIT);
    await rig.idle(lotse);

    expect(rig.shown(chat, "Sprechstunde-5101")).toHaveLength(1);
    const [formular] = rig.shown(chat, "Formular-5101");
    expect(formular?.text).toContain(FILE_NOTE);
    expect(rig.shown(chat, FILE_NOTE)).toHaveLength(2); // the file with text, and the file alone
    expect(rig.messages(chat).map((m) => m.text).join("\n")).not.toMatch(/Antrag\.pdf|Bescheid-Kopie|files\.slack/);
    expect(rig.telegram.calls.filter((c) => /^send(Document|Photo|MediaGroup)$/.test(c.method))).toEqual([]);
  });

  it("a reply under the card of a ticket deleted after its retention gets an ephemeral notice and reaches nobody", async () => {
    const rig = await Rig.open(cleanup);
    const lotse = await rig.start();
    const chat = 5102;
    const { ticketId, ts } = await rig.handOver(lotse, chat);
    const shownBefore = rig.messages(chat).length;

    // Housekeeping's own path: the ticket is closed, and deleted once its retention time is over.
    const clock = new ManualClock(new Date());
    const tickets = new Tickets(await rig.store(), clock, silentLogger);
    await tickets.transition(ticketId, "resolved", "test");
    clock.advance(3 * 86_400_000);
    expect(await tickets.sweep(14, 2)).toMatchObject({ deleted: 1 });
    expect(await rig.ticket(ticketId)).toBeUndefined();

    expect(await rig.reply(lotse, rig.threadReply(ts, "Antwort-5102: Noch eine Frage offen?"), { eventId: "EvGone1" })).toBe(200);
    // A thread under someone else's message is none of Lotse's business: no notice there.
    expect(await rig.reply(lotse, rig.threadReply("1700000999.000100", "Antwort-5102: fremder Thread", { parentUserId: "U_SOMEONE" }), { eventId: "EvGone2" })).toBe(200);
    await rig.idle(lotse);

    const notices = rig.slack.calls.filter((c) => c.method === "chat.postEphemeral");
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toMatchObject({ channel: NORD, user: COORDINATOR, thread_ts: ts });
    expect(String(notices[0]!.body.text)).toContain(GONE);
    expect(rig.messages(chat)).toHaveLength(shownBefore);
    expect(rig.sends(chat, "Antwort-5102")).toHaveLength(0);
  });
});
