import type { Lotse } from "../../app.js";
import type { DeskFront } from "../../escalation/relay.js";
import { currentUnitAfterCommit } from "../../store/unit.js";
import { deskFeed } from "./feed.js";

/**
 * The web desk as a front of the coordinators' desk: it reaches a region when an invited account
 * covers it, and shows a change live once the unit that made it has committed (a change rolled
 * back, or run again after a conflict, must not be announced).
 */
export function webDeskFront(lotse: Lotse): DeskFront {
  const feed = deskFeed(lotse);
  return {
    name: "web-desk",
    reaches: (region) => lotse.accounts.reaches(region),
    onTicket: (_event, ticket) => {
      const snapshot = structuredClone(ticket);
      currentUnitAfterCommit(() => void feed.push(snapshot).catch(() => undefined));
    },
  };
}
