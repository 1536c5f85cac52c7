import { DateTime } from "luxon";
import type { Lotse } from "../../app.js";
import { covers } from "../../escalation/accounts.js";
import { TIME_ZONE } from "../../escalation/routing.js";
import { digestNotice, mailAddress, mailLanguage } from "./notices.js";

/** Longer than a day: the mark only has to outlive the day it stands for. */
const MARK_TTL_MS = 3 * 86_400_000;

/**
 * The daily digest: from DESK_DIGEST_HOUR (Berlin time) on, each account with an e-mail address
 * gets one mail listing the tickets of its regions that nobody has taken ("open"), none when
 * there are none. Called by housekeeping every few minutes; an instance that was down at the
 * hour catches up later that day.
 *
 * Exactly once per account and day, also with several instances or a restart: each account's
 * digest is a unit of work with the cause "mail-digest:<day>:<account>", so only the first
 * commit counts (also when it queued nothing), and the queued mail carries the same dedupe key.
 * Returns how many digests were queued.
 */
export async function mailDigest(lotse: Lotse): Promise<number> {
  const { config, clock, store, outbox, accounts, tickets, routing, t, logger } = lotse;
  const now = clock.now();
  const local = DateTime.fromJSDate(now, { zone: TIME_ZONE });
  if (local.hour < config.DESK_DIGEST_HOUR) return 0;
  const day = local.toISODate();
  const recipients = (await accounts.list()).filter((a) => a.email);
  if (!recipients.length) return 0;
  const open = (await tickets.inStates(["open"])).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const ctx = { t, routing, config, now };
  let queued = 0;
  for (const account of recipients) {
    const cause = `mail-digest:${day}:${account.id}`;
    if (await store.seen(cause)) continue;
    const result = await store.unit(async () => {
      const mine = open.filter((ticket) => covers(account.regions, ticket.region, routing));
      if (!mine.length) return false;
      await outbox.enqueue(mailAddress(account.id), digestNotice(ctx, mailLanguage(account, config), mine), { dedupeKey: cause });
      return true;
    }, { cause, causeTtlMs: MARK_TTL_MS });
    if (!result.duplicate && result.value) queued++;
  }
  if (queued) logger.info({ queued, day }, "mail digests queued");
  return queued;
}
