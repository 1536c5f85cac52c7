import { describe, expect, it } from "vitest";
import { redact } from "../../src/privacy/redact.js";
import { address, command, testLotse, text } from "../helpers.js";
import { hasLoneSurrogate } from "./arbitraries.js";

/**
 * The hand-over offer quotes the volunteer's (redacted) question back, shortened to 600
 * characters. Every platform rejects text with half an emoji in it (it is not valid UTF-8),
 * so the cut must fall between characters, not between the halves of a surrogate pair.
 */
describe("the quoted question in a hand-over offer", () => {
  it("is shortened without cutting an emoji in half", async () => {
    const { lotse } = await testLotse();
    const me = address("emoji");
    await lotse.receive(command(me, "language", "de"));
    await lotse.receive(command(me, "region", "berlin-pankow"));
    let question = "Frau K. hat eine Ablehnung vom Jobcenter. Soll sie Widerspruch einlegen? ";
    // Put the first half of an emoji at index 599 of the redacted text, where the preview is cut.
    if (redact(question).text.length % 2 === 0) question = `-${question}`;
    question += "😟".repeat(400);
    expect(redact(question).text.charCodeAt(599)).toBeGreaterThanOrEqual(0xd800);
    const offer = (await lotse.receive(text(me, question))).at(-1); // the general information may come first
    expect(offer!.meta?.action).toBe("escalate");
    const quoted = offer!.blocks.flatMap((b) => ("spans" in b ? b.spans.map((s) => s.text) : [])).find((s) => s.includes("😟"))!;
    expect(quoted.endsWith(" …")).toBe(true);
    expect(hasLoneSurrogate(quoted)).toBe(false);
  });
});
