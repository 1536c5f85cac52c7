// The one set of cases every outbox sender must pass, run against each platform's real sender and
// its local fake (test/fakes/). A platform supplies a rig: the fake started, the sender built the way
// its adapter builds it, and ways to make the fake refuse. The cases are written once, here, so the
// outbox can rely on the same behaviour from every platform: how a failure is classified decides
// whether a message is retried, waited for or given up (src/adapters/delivery-errors.ts).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Address, Reply } from "../../src/core/message.js";
import { PermanentDeliveryError, RetryLaterError, type Sender } from "../../src/core/outbox/outbox.js";

/** A message as the chat shows it now: its platform reference ("chat:id", none where the platform has none) and its text. */
export interface Delivered {
  ref?: string;
  text: string;
}

/**
 * A refusal of the sender's next request, which each rig answers in its platform's own form
 * (Telegram's error_code, Slack's HTTP 200 error codes, Discord's status and JSON code).
 */
export type Refusal =
  /** HTTP 429 with the platform's retry-after. */
  | { kind: "rate-limited"; retryAfterSeconds: number }
  /** The chat does not exist (any more): Telegram 400 "chat not found", Slack channel_not_found, Discord 404 Unknown Channel. */
  | { kind: "chat-gone" }
  /** The bot may not post there: Telegram 403 (blocked by the user), Slack not_in_channel, Discord 403 Missing Access. */
  | { kind: "forbidden" }
  /** The bot's own token is rejected: HTTP 401 (Slack: invalid_auth). */
  | { kind: "bad-token" };

export interface SenderRig {
  readonly sender: Sender;
  /** The chat the cases send to. */
  readonly address: Address;
  /** The platform answers the sender's next request with this refusal (a request its library repeats by itself meets it once). */
  refuseNext(refusal: Refusal): void;
  /** The platform answers every request with HTTP `status` (its JSON error) until comeBack(). */
  goDown(status: number): void;
  comeBack(): Promise<void>;
  /** What the chat at `address` shows now, oldest first, edits applied. */
  delivered(): Promise<Delivered[]>;
  stop(): Promise<void>;
}

/** The cases a platform may be unable to meet at all (not: fail), each skipped with its reason. */
export type OptionalCase = "refusals" | "edit";

export interface SenderTraits {
  /**
   * What a 429 does: "rejects" the send with a RetryLaterError, so the outbox waits the retry-after
   * (Telegram, Slack); or the platform's library "waits" it out and repeats the request itself
   * (discord.js), so the outbox never sees it. Absent: nothing remote to limit (the refusal cases are skipped).
   */
  rateLimit?: "rejects" | "waits";
  /** The most characters one message may show (its text as the chat shows it); absent: no limit. */
  maxLength?: number;
  /** Why a case cannot apply to this platform; the reason becomes part of the skipped test's name. */
  notApplicable?: Partial<Record<OptionalCase, string>>;
}

/** One paragraph of plain text: nothing in it that a platform's markup escapes or changes. */
export const plainReply = (text: string): Reply => ({ lang: "de", blocks: [{ type: "paragraph", spans: [{ text }] }] });

/** Numbered paragraphs of about 600 characters, 10,000 characters in all, so that a lost, doubled or swapped one shows. */
export function longParagraphs(total = 10_000): string[] {
  const paragraphs: string[] = [];
  for (let i = 1; paragraphs.join("\n\n").length < total; i++) {
    const words = Array.from({ length: 60 }, (_, j) => `wort${i}n${j}`).join(" ");
    paragraphs.push(`Absatz ${i} beginnt hier. ${words} Hier endet Absatz ${i}.`);
  }
  return paragraphs;
}

/**
 * Where the text that arrived first departs from the text sent (whitespace between parts aside): a
 * short account instead of a diff of 10,000 characters.
 */
function difference(arrived: string, sent: string): string {
  const [a, s] = [arrived, sent].map((t) => t.replace(/\s+/g, " ").trim()) as [string, string];
  if (a === s) return "none: every character arrived, in order";
  let at = 0;
  while (a[at] === s[at]) at++;
  const around = (t: string) => JSON.stringify(t.slice(Math.max(0, at - 30), at + 30));
  return `${a.length} characters arrived for ${s.length} sent; from character ${at} on, ${around(a)} arrived where ${around(s)} was sent`;
}

export function senderContract(name: string, traits: SenderTraits, makeRig: () => Promise<SenderRig>): void {
  describe(`${name} sender contract`, () => {
    let rig: SenderRig;
    let stop: (() => Promise<void>) | undefined; // unset when the rig did not start
    beforeEach(async () => {
      rig = await makeRig();
      stop = () => rig.stop();
    });
    afterEach(async () => {
      await stop?.();
      stop = undefined;
    });

    /** A case this platform cannot meet is skipped, and says why in its name. */
    const caseOf = (optional: OptionalCase, title: string, body: () => Promise<void>) => {
      const reason = traits.notApplicable?.[optional];
      if (reason) it.skip(`${title} (not for ${name}: ${reason})`, body);
      else it(title, body);
    };
    const texts = async () => (await rig.delivered()).map((m) => m.text);
    const sendFails = async (text: string) => {
      const error = await rig.sender.send(rig.address, plainReply(text)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, "the send was expected to fail").toBeInstanceOf(Error);
      return error as Error;
    };

    if (traits.rateLimit !== "waits") {
      caseOf("refusals", "429 with retry_after 7 s: rejects with RetryLaterError after 7,000 ms, posts nothing; the retry posts one message", async () => {
        rig.refuseNext({ kind: "rate-limited", retryAfterSeconds: 7 });
        const error = await sendFails("Nach der Wartezeit");
        expect(error).toBeInstanceOf(RetryLaterError);
        expect((error as RetryLaterError).retryAfterMs).toBe(7000);
        expect(await texts()).toEqual([]);
        await rig.sender.send(rig.address, plainReply("Nach der Wartezeit"));
        expect(await texts()).toEqual(["Nach der Wartezeit"]);
      });
    } else {
      // The library waits out the retry-after and repeats the request; the outbox never sees the 429.
      caseOf("refusals", "429 with retry_after: the platform library waits it out itself, so the send succeeds and exactly one message arrives", async () => {
        rig.refuseNext({ kind: "rate-limited", retryAfterSeconds: 0.05 });
        await rig.sender.send(rig.address, plainReply("Nach der Wartezeit"));
        expect(await texts()).toEqual(["Nach der Wartezeit"]);
      });
    }

    for (const status of [500, 503]) {
      caseOf("refusals", `${status} (the platform is down): rejects with a retryable error, posts nothing; after recovery the retry posts exactly one message`, async () => {
        rig.goDown(status);
        const error = await sendFails("Trotz Ausfall");
        expect(error).not.toBeInstanceOf(PermanentDeliveryError);
        expect(error).not.toBeInstanceOf(RetryLaterError); // backoff, not a fixed wait the platform did not ask for
        await rig.comeBack();
        expect(await texts()).toEqual([]);
        await rig.sender.send(rig.address, plainReply("Trotz Ausfall"));
        expect(await texts()).toEqual(["Trotz Ausfall"]);
      });
    }

    for (const kind of ["chat-gone", "forbidden"] as const) {
      caseOf("refusals", `4xx refusal (${kind === "chat-gone" ? "400/404 chat not found" : "403 forbidden"}): rejects with PermanentDeliveryError, posts nothing`, async () => {
        rig.refuseNext({ kind });
        expect(await sendFails("Abgelehnt")).toBeInstanceOf(PermanentDeliveryError);
        expect(await texts()).toEqual([]);
      });
    }

    caseOf("refusals", "401 (the bot's token rejected): rejects with an error that is not permanent, so the message waits until the token is fixed", async () => {
      rig.refuseNext({ kind: "bad-token" });
      const error = await sendFails("Mit falschem Token");
      expect(error).not.toBeInstanceOf(PermanentDeliveryError);
      expect(error).not.toBeInstanceOf(RetryLaterError);
      expect(await texts()).toEqual([]);
      // Once the platform accepts the token again, the retry delivers (the client kept no broken state).
      await rig.sender.send(rig.address, plainReply("Mit falschem Token"));
      expect(await texts()).toEqual(["Mit falschem Token"]);
    });

    caseOf("edit", "edit in place: a reply whose `replaces` is the reference an earlier send returned changes that message, none is posted", async () => {
      const ref = await rig.sender.send(rig.address, plainReply("Vorher"));
      expect(ref, "the first send returns its message's reference").toEqual((await rig.delivered())[0]?.ref);
      const again = await rig.sender.send(rig.address, { ...plainReply("Nachher"), replaces: ref! });
      expect(await rig.delivered()).toEqual([{ ref, text: "Nachher" }]);
      expect(again ?? ref, "an edit returns the same reference (or none)").toBe(ref);
    });

    const paragraphs = longParagraphs();
    const limit = traits.maxLength ? `split into messages of at most ${traits.maxLength.toLocaleString("en")} characters` : "no limit";
    it(`long text (${paragraphs.join("\n\n").length.toLocaleString("en")} characters of paragraphs): every character arrives, in order (${limit})`, async () => {
      await rig.sender.send(rig.address, { lang: "de", blocks: paragraphs.map((text) => ({ type: "paragraph" as const, spans: [{ text }] })) });
      const shown = await texts();
      expect(difference(shown.join("\n\n"), paragraphs.join("\n\n"))).toBe("none: every character arrived, in order");
      if (traits.maxLength) expect(shown.map((t) => [...t].length).filter((n) => n > traits.maxLength!)).toEqual([]);
    });

    it("order per chat: five replies sent one after another arrive in that order, each send returning its message's reference", async () => {
      const sent = ["eins", "zwei", "drei", "vier", "fünf"].map((n) => `Nachricht ${n}`);
      const refs: (string | void)[] = [];
      for (const text of sent) refs.push(await rig.sender.send(rig.address, plainReply(text)));
      const shown = await rig.delivered();
      expect(shown.map((m) => m.text)).toEqual(sent);
      expect(refs).toEqual(shown.map((m) => m.ref));
    });
  });
}
