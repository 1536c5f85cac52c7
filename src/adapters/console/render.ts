import { replyToPlainText, type Button, type Reply } from "../../core/message.js";

/** Terminal rendering: plain text, buttons numbered so the user can press one by typing its number. */
export function renderForTerminal(reply: Reply, firstNumber: number): { text: string; buttons: Button[] } {
  const buttons = (reply.buttons ?? []).flat();
  const lines = [replyToPlainText(reply)];
  if (buttons.length) lines.push(buttons.map((b, i) => `  [${firstNumber + i}] ${b.label}`).join("\n"));
  return { text: lines.join("\n\n"), buttons };
}
