import { replyToPlainText, type Button, type Reply } from "../../core/message.js";

/** C0 and C1 control characters but line feed and tab: a terminal would act on them (colours, cursor moves, OSC 8 links, clearing the screen). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Shows control characters as symbols (␛, ␍, ␀ …) so that text in the terminal stays text. */
export function visibleControls(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? "\u2421" : "\ufffd";
  });
}

/** Terminal rendering: plain text, buttons numbered so the user can press one by typing its number. */
export function renderForTerminal(reply: Reply, firstNumber: number): { text: string; buttons: Button[] } {
  const all = (reply.buttons ?? []).flat();
  // A link button (a calendar file) has nothing to send back: its address is shown, not a number.
  const buttons = all.filter((b) => !b.url);
  const lines = [replyToPlainText(reply)];
  const links = all.filter((b) => b.url);
  if (links.length) lines.push(links.map((b) => `  → ${b.label}: ${b.url}`).join("\n"));
  if (buttons.length) lines.push(buttons.map((b, i) => `  [${firstNumber + i}] ${b.label}`).join("\n"));
  return { text: visibleControls(lines.join("\n\n")), buttons };
}
