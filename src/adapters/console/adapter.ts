import { createInterface } from "node:readline";
import { userInfo } from "node:os";
import type { Lotse } from "../../app.js";
import { parseCommand } from "../../core/commands.js";
import type { Address, Incoming } from "../../core/message.js";
import type { PlatformAdapter } from "../types.js";
import { TerminalSender } from "./sender.js";

/**
 * `lotse chat`: the same conversation as every platform, in a terminal.
 * Type a question, a /command, or the number of a button. Ctrl-D or /quit ends.
 */
export async function runConsoleChat(lotse: Lotse, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  await new ConsoleAdapter(lotse, input, output).start();
}

/** The terminal as a platform: one user (the login name), replies printed by TerminalSender. */
export class ConsoleAdapter implements PlatformAdapter {
  readonly platform = "console";
  readonly sender: TerminalSender;
  private readonly address: Address;

  constructor(
    private readonly lotse: Lotse,
    private readonly input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
  ) {
    const user = safeUser();
    this.address = { platform: "console", chatId: user, userId: user };
    this.sender = new TerminalSender((text) => this.output.write(`${text}\n`));
    lotse.outbox.register("console", this.sender);
  }

  /** Reads lines until the input ends (Ctrl-D) or /quit. */
  async start(): Promise<void> {
    const { lotse, input, output, sender, address } = this;
    const interactive = (input as NodeJS.ReadStream).isTTY === true;
    const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
    const prompt = () => {
      if (interactive) rl.prompt();
    };
    rl.setPrompt("> ");

    const handle = async (line: string) => {
      const text = line.trim();
      if (text === "/quit" || text === "/exit") {
        rl.close();
        return;
      }
      let incoming: Incoming;
      const number = /^\d{1,3}$/.test(text) ? Number(text) : undefined;
      const command = parseCommand(text);
      if (number !== undefined && sender.buttons[number - 1]) incoming = { kind: "button", address, buttonId: sender.buttons[number - 1]!.id };
      else if (command) incoming = { kind: "command", address, ...command };
      else incoming = { kind: "text", address, text };
      sender.buttons = [];
      await lotse.receive(incoming);
      await lotse.outbox.flush(); // the replies, before the next prompt
    };

    // Listen before anything is awaited: piped input may arrive (and end) at once.
    // Lines are handled strictly one after another.
    const closed = new Promise<void>((resolve) => rl.once("close", () => resolve()));
    let queue: Promise<unknown> = Promise.resolve();
    const enqueue = (line: string) => {
      queue = queue.then(() => handle(line)).then(prompt, (error: unknown) => sender.send(address, { lang: "en", blocks: [{ type: "paragraph", spans: [{ text: String(error) }] }] }));
    };
    rl.on("line", enqueue);
    output.write(`${lotse.t(lotse.config.DEFAULT_LANGUAGE, "web.title")}\n`);
    enqueue("/start");
    await closed;
    await queue;
  }
}

function safeUser(): string {
  try {
    return userInfo().username || "local";
  } catch {
    return "local";
  }
}
