import { afterAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import type { Reply } from "../src/core/message.js";
import { sharedBackends, storeOpener, testLotse, textOf } from "./helpers.js";

// Two instances sharing Redis or PostgreSQL (the real servers on 127.0.0.1).
const openStore = storeOpener(afterAll);

for (const [name, options] of sharedBackends(3)) {
  describe.skipIf(!options)(`two instances on ${name}`, () => {
    it("post each meeting reminder once when they run at the same moment", async () => {
      const open = () => openStore(options!);
      const setupStore = await open();
      // Start from a clean slate: earlier runs on the same server left markers behind.
      await setupStore.ns("reminders").clear();
      await setupStore.ns("marks").clear();
      await setupStore.ns("subscriptions").clear();
      const queued = [...(await setupStore.live().items("pending")), ...(await setupStore.live().items("dead"))];
      await setupStore.live().remove(queued.map((i) => i.id));
      const clock = new ManualClock(new Date("2026-11-05T17:00:00Z"));
      const sent: Reply[] = [];
      // Delivery only through the flush below: a background delivery loop that has leased an item but
      // not yet started sending it is invisible to flush(), which then returned before the send
      // (1 message instead of 2, seen on PostgreSQL now and then).
      const instances = await Promise.all([1, 2].map(async () => (await testLotse({ clock, store: await open(), manualDelivery: true })).lotse));
      for (const lotse of instances) {
        for (const platform of ["discord", "telegram", "slack"] as const) lotse.outbox.register(platform, { send: async (_to, reply) => void sent.push(reply) });
      }
      await Promise.all([...instances.map((l) => l.reminders.run()), ...instances.map((l) => l.reminders.run())]);
      await Promise.all(instances.map((l) => l.outbox.flush())); // both deliver from the shared queue at once
      expect(sent.filter((r) => /Berlin-Nord/.test(textOf(r)))).toHaveLength(2); // one Discord and one Slack channel, once each
    });
  });
}
