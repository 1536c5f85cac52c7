import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderForTerminal } from "../../src/adapters/console/render.js";
import { placement, replyWith, RUNS, userText } from "./arbitraries.js";

/**
 * The terminal chat (`lotse chat`) prints plain text. Its markup is the terminal's own: escape
 * sequences (colours, cursor moves, OSC 8 links, screen clearing) must never come from text.
 */

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** Control characters, and the symbols that may stand in for them (␀ … ␡, �), all read as "?". */
const masked = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2400-\u2421\ufffd]/g, "?");

describe("terminal: any user text is printed, never executed", () => {
  it("prints no control character but line feed and tab, and shows every other character of the text", () => {
    fc.assert(
      fc.property(userText, placement, (text, where) => {
        const { text: printed } = renderForTerminal(replyWith(text, where), 1);
        expect(printed).not.toMatch(new RegExp(CONTROL.source));
        // Every other character shows unchanged, and each control character as one symbol.
        expect(masked(printed)).toContain(masked(text));
      }),
      RUNS,
    );
  });
});

describe("terminal regressions found by the properties", () => {
  it("shows an escape sequence instead of letting the terminal run it", () => {
    const { text } = renderForTerminal({ lang: "de", blocks: [{ type: "paragraph", spans: [{ text: "\x1b[2J\x1b]8;;https://evil.example\x07klick\x1b]8;;\x07\r\x7f\u009b" }] }] }, 1);
    expect(text).toBe("␛[2J␛]8;;https://evil.example␇klick␛]8;;␇␍\u2421\ufffd");
  });
});
