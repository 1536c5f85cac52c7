import type { Button, Reply } from "../../core/message.js";
import type { Sender } from "../../core/outbox/outbox.js";
import { renderForTerminal } from "./render.js";

/**
 * Prints replies in the terminal. Buttons are numbered across the replies of one turn, so the user
 * presses one by typing its number; `buttons` holds them until the next line is read.
 */
export class TerminalSender implements Sender {
  buttons: Button[] = [];

  constructor(private readonly write: (text: string) => void) {}

  async send(_address: unknown, reply: Reply): Promise<void> {
    const rendered = renderForTerminal(reply, this.buttons.length + 1);
    this.buttons = [...this.buttons, ...rendered.buttons];
    this.write(`\n${rendered.text}\n`);
  }
}
