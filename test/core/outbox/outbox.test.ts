import { describe, expect, it, vi } from "vitest";
import { ManualClock } from "../../../src/core/clock.js";
import type { Address, Reply } from "../../../src/core/message.js";
import { Outbox, PermanentDeliveryError, RetryLaterError } from "../../../src/core/outbox/outbox.js";
import { outboxStatus, retryDead } from "../../../src/core/outbox/admin.js";
import { Store } from "../../../src/store/store.js";
import { silentLogger } from "../../helpers.js";

const to: Address = { platform: "telegram", chatId: "42", userId: "42" };
const reply = (n: number): Reply => ({ lang: "de", blocks: [{ type: "paragraph", spans: [{ text: `message ${n}` }] }] });

function setup() {
  const store = Store.memory();
  const clock = new ManualClock(new Date("2026-11-17T09:00:00Z"));
  const outbox = new Outbox(store, clock, silentLogger, { baseDelayMs: 1000, maxAttempts: 5 });
  return { store, clock, outbox };
}

describe("outbox", () => {
  it("queues without sending: enqueue never waits for the platform", async () => {
    const { outbox } = setup();
    let calls = 0;
    outbox.register("telegram", { send: () => new Promise(() => void calls++) }); // a platform that never answers
    await outbox.enqueue(to, reply(1));
    expect(calls).toBe(0);
    expect(await outbox.backlog()).toBe(1);
  });

  it("keeps a message while no sender is registered and delivers it once one is", async () => {
    const { outbox } = setup();
    await outbox.enqueue(to, reply(1));
    expect(await outbox.backlog()).toBe(1);
    const delivered: string[] = [];
    outbox.register("telegram", { send: async (_a, r) => void delivered.push(JSON.stringify(r.blocks)) });
    await outbox.flush();
    await outbox.flush();
    expect(delivered).toHaveLength(1);
    expect(await outbox.backlog()).toBe(0);
  });

  it("retries with backoff after failures and delivers exactly once", async () => {
    const { outbox, clock } = setup();
    let calls = 0;
    const delivered: number[] = [];
    outbox.register("telegram", {
      send: async () => {
        calls++;
        if (calls <= 2) throw new Error("HTTP 500");
        delivered.push(calls);
      },
    });
    await outbox.enqueue(to, reply(1));
    await outbox.flush();
    expect(calls).toBe(1);
    await outbox.flush(); // not due yet: backoff 1 s
    expect(calls).toBe(1);
    clock.advance(1000);
    await outbox.flush(); // second failure, next in 2 s
    expect(calls).toBe(2);
    clock.advance(1999);
    await outbox.flush();
    expect(calls).toBe(2);
    clock.advance(1);
    await outbox.flush();
    expect(delivered).toEqual([3]);
    clock.advance(60_000);
    await outbox.flush();
    expect(calls).toBe(3);
  });

  it("honours retry-after from the platform", async () => {
    const { outbox, clock } = setup();
    let calls = 0;
    outbox.register("telegram", {
      send: async () => {
        calls++;
        if (calls === 1) throw new RetryLaterError("429", 30_000);
      },
    });
    await outbox.enqueue(to, reply(1));
    await outbox.flush();
    clock.advance(29_999);
    await outbox.flush();
    expect(calls).toBe(1);
    clock.advance(1);
    await outbox.flush();
    expect(calls).toBe(2);
    expect(await outbox.backlog()).toBe(0);
  });

  it("survives a restart: a new outbox on the same store delivers what was queued", async () => {
    const { store, clock, outbox } = setup();
    outbox.register("telegram", { send: async () => Promise.reject(new Error("down")) });
    await outbox.enqueue(to, reply(7));
    await outbox.flush();
    const restarted = new Outbox(store, clock, silentLogger);
    const delivered: Reply[] = [];
    restarted.register("telegram", { send: async (_a, r) => void delivered.push(r) });
    clock.advance(5_000);
    await restarted.flush();
    expect(delivered.map((r) => r.blocks)).toEqual([reply(7).blocks]);
  });

  it("drains on shutdown: delivers what is due, and leaves the rest queued (a platform in backoff is not hammered)", async () => {
    const { outbox, clock } = setup();
    let up = false;
    let calls = 0;
    const delivered: Reply[] = [];
    outbox.register("telegram", { send: async (_a, r) => (calls++, up ? void delivered.push(r) : Promise.reject(new Error("down"))) });
    await outbox.enqueue(to, reply(1));
    await outbox.enqueue(to, reply(2));
    expect(await outbox.drain(1_000)).toBe(2); // still down: nothing moves, nothing lost
    expect(calls).toBe(1); // one attempt, then the chat waits for its backoff
    up = true;
    clock.advance(1_000);
    expect(await outbox.drain(1_000)).toBe(0);
    expect(delivered).toHaveLength(2);
  });

  it("drain waits for a send already running, so it is recorded before the store closes and not sent again after a restart", async () => {
    const { outbox, store } = setup();
    let finish: () => void = () => undefined;
    const sends: Reply[] = [];
    outbox.register("telegram", { send: (_a, r) => new Promise<void>((resolve) => { sends.push(r); finish = resolve; }) });
    await outbox.enqueue(to, reply(1));
    const running = outbox.flush(); // its first attempt is now waiting on the platform
    await vi.waitFor(() => expect(sends).toHaveLength(1));
    const drained = outbox.drain(5_000);
    setTimeout(() => finish(), 50); // the platform answers while drain waits
    expect(await drained).toBe(0);
    await running;
    await store.close();
    expect(sends).toHaveLength(1);
  });

  it("gives up on permanent errors without retrying", async () => {
    const { outbox, clock } = setup();
    let calls = 0;
    outbox.register("telegram", {
      send: async () => {
        calls++;
        throw new PermanentDeliveryError("bot was blocked by the user");
      },
    });
    await outbox.enqueue(to, reply(1));
    await outbox.flush();
    clock.advance(3_600_000);
    await outbox.flush();
    expect(calls).toBe(1);
    expect(await outbox.backlog()).toBe(0);
  });

  it("after a long outage, queues again what it gave up on, in status counts without content; refused messages stay unless asked", async () => {
    const store = Store.memory();
    const clock = new ManualClock(new Date("2026-11-17T09:00:00Z"));
    const outbox = new Outbox(store, clock, silentLogger, { baseDelayMs: 1000, maxAttempts: 3 });
    const blocked: Address = { platform: "telegram", chatId: "7", userId: "7" };
    let up = false;
    const delivered: string[] = [];
    outbox.register("telegram", {
      send: async (address, r) => {
        if (address.chatId === "7") throw new PermanentDeliveryError("bot was blocked by the user");
        if (!up) throw new Error("HTTP 502");
        delivered.push(JSON.stringify(r.blocks));
      },
    });
    await outbox.enqueue(to, reply(1));
    await outbox.enqueue(blocked, reply(2));
    for (let i = 0; i < 5; i++) {
      clock.advance(60_000);
      await outbox.flush();
    }
    expect(await outboxStatus(store)).toEqual({ pending: {}, dead: { telegram: { refused: 1, attempts: 1 } } });

    up = true;
    expect(await retryDead(store, clock)).toBe(1);
    expect(await outboxStatus(store)).toEqual({ pending: { telegram: 1 }, dead: { telegram: { refused: 1, attempts: 0 } } });
    await outbox.flush();
    expect(delivered).toEqual([JSON.stringify(reply(1).blocks)]);
    expect(await retryDead(store, clock, { refusedToo: true })).toBe(1);
    await outbox.flush();
    expect(await outboxStatus(store)).toEqual({ pending: {}, dead: { telegram: { refused: 1, attempts: 0 } } }); // refused again, nothing lost
  });
});
