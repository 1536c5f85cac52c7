// The outbox's order per chat, at unit level: what waits behind a failing message and what does not.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import type { Address, Reply } from "../../src/core/message.js";
import { Outbox, PermanentDeliveryError } from "../../src/core/outbox/outbox.js";
import { Store } from "../../src/store/store.js";
import { silentLogger } from "../helpers.js";

const chat = (id: string): Address => ({ platform: "telegram", chatId: id, userId: id });
const reply = (text: string): Reply => ({ lang: "de", blocks: [{ type: "paragraph", spans: [{ text }] }] });
const textOf = (r: Reply) => (r.blocks[0] as { spans: { text: string }[] }).spans[0]!.text;

/** An outbox whose sender fails for the chats in `down` (or throws what `fail` returns) and records what it delivered. */
function setup() {
  const clock = new ManualClock(new Date("2026-11-17T09:00:00Z"));
  const outbox = new Outbox(Store.memory(), clock, silentLogger);
  const down = new Set<string>();
  const delivered: string[] = [];
  let fail: (text: string) => Error | undefined = () => undefined;
  outbox.register("telegram", {
    send: async (address, r) => {
      const error = fail(textOf(r)) ?? (down.has(address.chatId) ? new Error("HTTP 500") : undefined);
      if (error) throw error;
      delivered.push(`${address.chatId}:${textOf(r)}`);
    },
  });
  return { clock, outbox, down, delivered, failWith: (f: typeof fail) => (fail = f) };
}

describe("outbox order per chat", () => {
  it("holds later messages behind a failing one in the same chat only, and lets them follow at once when it goes", async () => {
    const { clock, outbox, down, delivered } = setup();
    down.add("1");
    await outbox.enqueue(chat("1"), reply("a1"));
    await outbox.enqueue(chat("1"), reply("a2"));
    await outbox.enqueue(chat("2"), reply("b1")); // another chat is not held up
    await outbox.flush();
    expect(delivered).toEqual(["2:b1"]);
    clock.advance(60_000);
    await outbox.flush(); // a1 fails again (next try in 2 s); a2 still waits
    clock.advance(1_000);
    down.delete("1");
    await outbox.enqueue(chat("1"), reply("a3")); // the chat is back, but a3 must not overtake a1
    await outbox.flush(); // a1's backoff still runs: nothing in chat 1 may go
    expect(delivered).toEqual(["2:b1"]);
    clock.advance(1_000);
    await outbox.flush();
    expect(delivered).toEqual(["2:b1", "1:a1", "1:a2", "1:a3"]);
    expect(await outbox.backlog()).toBe(0);
  });

  it("does not let a message it gave up on block the chat", async () => {
    const { outbox, delivered, failWith } = setup();
    failWith((text) => (text === "blocked" ? new PermanentDeliveryError("403") : undefined));
    await outbox.enqueue(chat("1"), reply("blocked"));
    await outbox.enqueue(chat("1"), reply("next"));
    await outbox.flush();
    expect(delivered).toEqual(["1:next"]);
  });

  it("keeps the order when draining on shutdown", async () => {
    const { outbox, delivered, failWith, clock } = setup();
    failWith((text) => (text === "a1" ? new Error("HTTP 502") : undefined)); // only a1 fails: a2 could go, but must not
    await outbox.enqueue(chat("1"), reply("a1"));
    await outbox.enqueue(chat("1"), reply("a2"));
    expect(await outbox.drain(1_000)).toBe(2);
    expect(delivered).toEqual([]);
    failWith(() => undefined);
    clock.advance(1_000); // a1's backoff
    expect(await outbox.drain(1_000)).toBe(0);
    expect(delivered).toEqual(["1:a1", "1:a2"]);
  });
});
