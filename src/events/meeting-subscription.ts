import type { Address } from "../core/message.js";
import type { Store } from "../store/store.js";
import type { EventDef } from "./calendar.js";
import { subscriptionCovers, type RegionTree } from "./nearby.js";
import type { Subscription } from "./reminders.js";

/**
 * A meeting's "remind me" button. There is one kind of personal subscription, the one `/subscribe`
 * keeps (by region and type, one per user): the button widens it just enough to cover this
 * meeting, or leaves it alone when it already does, so a second press changes nothing.
 */

const sameUser = (a: Address, b: Address) => a.platform === b.platform && a.chatId === b.chatId && a.userId === b.userId;
const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

export async function subscribeToMeeting(
  store: Store,
  who: { address: Address; lang: string },
  event: EventDef,
  /** The regions to add when a subscription must be made or widened. */
  regions: string[],
  lands: RegionTree[],
): Promise<{ changed: boolean; subscription: Subscription }> {
  // The same lock as setSubscription: presses of two users never lose one another's change.
  return store.withLock("subscriptions", async () => {
    const space = store.ns<Subscription[]>("subscriptions");
    const all = (await space.get("all")) ?? [];
    const current = all.find((s) => sameUser(s.address, who.address));
    if (current && subscriptionCovers(current, event, lands)) return { changed: false, subscription: current };
    const next: Subscription = current
      ? {
          ...current,
          lang: who.lang,
          // Empty means "all": it stays so.
          regions: current.regions.length ? union(current.regions, regions) : [],
          types: current.types.length ? union(current.types, [event.type]) : [],
        }
      : { address: who.address, lang: who.lang, regions, types: [] };
    await space.set("all", [...all.filter((s) => !sameUser(s.address, who.address)), next]);
    return { changed: true, subscription: next };
  });
}
