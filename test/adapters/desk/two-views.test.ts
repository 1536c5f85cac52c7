import { describe, expect, it } from "vitest";
import { deskFeed } from "../../../src/adapters/desk/feed.js";
import { webDeskFront } from "../../../src/adapters/desk/front.js";
import { SlackDeskFront } from "../../../src/adapters/slack/desk-front.js";
import type { Address, Reply } from "../../../src/core/message.js";
import { createHttpApp } from "../../../src/adapters/index.js";
import { testLotse } from "../../helpers.js";
import { deskRequest, signedIn, ticketFor } from "./helpers.js";

/**
 * Slack and the web desk are two views of the same tickets: a claim made in Slack (a Slack
 * coordinator at the desk) shows in the web desk, and a claim made in the web desk updates the
 * Slack card (queued for Slack through the outbox).
 */
describe("Slack and the web desk", () => {
  it("show each other's claims", async () => {
    const { lotse } = await testLotse({ manualDelivery: true, noDesk: true });
    deskFeed(lotse, { pollMs: 3_600_000, keepAliveMs: 3_600_000 });
    lotse.relay.add(webDeskFront(lotse));
    lotse.relay.add(new SlackDeskFront(lotse));
    const toSlack: { to: Address; reply: Reply }[] = [];
    lotse.outbox.register("slack", { send: async (to, reply) => void toSlack.push({ to, reply }) });
    const app = createHttpApp(lotse);
    const { cookie } = await signedIn(app, lotse, ["berlin"]);
    const desk = deskRequest(app, cookie);

    const first = await ticketFor(lotse, "berlin-pankow");
    const second = await ticketFor(lotse, "berlin-pankow", "Bekommt sie Kindergeld?");
    // The Slack cards exist (as the Slack sender would have recorded them).
    await lotse.tickets.setExternal(first.id, "C_NORD", "100.1");
    await lotse.tickets.setExternal(second.id, "C_NORD", "100.2");

    // Claimed in Slack: the web desk shows who claimed it.
    const slackCoordinator = { id: "U_COORD1", sees: () => true };
    await lotse.store.unit(() => lotse.desk.claim(slackCoordinator, first.id));
    const shown = (await (await desk.get(`/desk/api/tickets/${first.id}`)).json()) as { ticket: { status: string } };
    expect(shown.ticket.status).toBe("claimed");
    const list = (await (await desk.get("/desk/api/tickets")).json()) as { tickets: { id: string; status: string }[] };
    expect(list.tickets.find((t) => t.id === first.id)?.status).toBe("claimed");

    // Claimed in the web desk: the Slack card is queued to be redrawn from the claimed ticket.
    await lotse.outbox.flush();
    toSlack.length = 0;
    expect((await desk.post(`/desk/api/tickets/${second.id}/claim`, {})).status).toBe(200);
    await lotse.outbox.flush();
    expect(toSlack.some((s) => s.reply.meta?.kind === "ticket-card" && s.reply.meta.ticketId === second.id && s.to.chatId === "C_NORD")).toBe(true);
    expect((await lotse.tickets.get(second.id))!.status).toBe("claimed");
    expect((await lotse.tickets.get(second.id))!.claimedBy).toMatch(/^desk:/);
  });
});
