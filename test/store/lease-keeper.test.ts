import { afterAll, describe, expect, it, vi } from "vitest";
import { LeaseKeeper } from "../../src/store/lease-keeper.js";
import { Store } from "../../src/store/store.js";
import { sharedBackends, silentLogger, storeOpener } from "../helpers.js";

const openStore = storeOpener(afterAll);
const backends: [string, (() => Promise<Store>) | undefined][] = [
  ["memory", async () => Store.memory()],
  ...sharedBackends(2).map(([name, options]) => [name, options ? () => openStore(options) : undefined] as [string, (() => Promise<Store>) | undefined]),
];

for (const [name, open] of backends) {
  describe.skipIf(!open)(`lease on ${name}`, () => {
    it("is held by one holder at a time, renewed by its holder, taken over after it expires", async () => {
      // Two instances share Redis/PostgreSQL; the memory store stands for one process.
      const a = await open!();
      const b = name === "memory" ? a : await open!();
      const lease = `test-${name}-${Math.random().toString(36).slice(2)}`;
      expect(await a.tryLease(lease, "A", 400)).toBe(true);
      expect(await b.tryLease(lease, "B", 400)).toBe(false);
      expect(await a.tryLease(lease, "A", 400)).toBe(true); // renewal
      // A stops renewing (crashed): after the lifetime B gets it.
      await vi.waitFor(async () => expect(await b.tryLease(lease, "B", 400)).toBe(true), { timeout: 5000, interval: 100 });
      expect(await a.tryLease(lease, "A", 400)).toBe(false);
      // Release hands it over at once.
      await b.releaseLease(lease, "B");
      expect(await a.tryLease(lease, "A", 400)).toBe(true);
    });

    it("LeaseKeeper: only one keeper runs the work; when it stops, the other takes over", async () => {
      const a = await open!();
      const b = name === "memory" ? a : await open!();
      const lease = `keeper-${name}-${Math.random().toString(36).slice(2)}`;
      const running = new Set<string>();
      const keeper = (store: Store, id: string) =>
        new LeaseKeeper(store, lease, { ttlMs: 2000, onAcquired: async () => void running.add(id), onLost: async () => void running.delete(id) }, silentLogger);
      const first = keeper(a, "first");
      const second = keeper(b, "second");
      await first.start();
      await second.start();
      expect([...running]).toEqual(["first"]);
      // Generous lifetime against a loaded machine; the holder renews every third of it.
      await new Promise((resolve) => setTimeout(resolve, 2600)); // longer than one lifetime: renewals must work
      expect([...running]).toEqual(["first"]);
      await first.stop();
      await vi.waitFor(() => expect([...running]).toEqual(["second"]), { timeout: 5000, interval: 50 });
      await second.stop();
      expect(running.size).toBe(0);
    });
  });
}
