import { createInterface } from "node:readline";
import { userInfo } from "node:os";
import type { Lotse } from "../../app.js";
import { parseCommand } from "../../core/commands.js";
import type { Address, Button, Incoming, Reply } from "../../core/message.js";
import { renderForTerminal } from "./render.js";

/**
 * `lotse chat`: the same conversation as every platform, in a terminal.
 * Type a question, a /command, or the number of a button. Ctrl-D or /quit ends.
 */
export async function runConsoleChat(lotse: Lotse, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  const user = safeUser();
  const address: Address = { platform: "console", chatId: user, userId: user };
  let buttons: Button[] = [];
  const write = (text: string) => output.write(`${text}\n`);

  lotse.outbox.register("console", {
    send: async (_address, reply: Reply) => {
      const rendered = renderForTerminal(reply, buttons.length + 1);
      buttons = [...buttons, ...rendered.buttons];
      write(`\n${rendered.text}\n`);
    },
  });

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
    if (number !== undefined && buttons[number - 1]) incoming = { kind: "button", address, buttonId: buttons[number - 1]!.id };
    else if (command) incoming = { kind: "command", address, ...command };
    else incoming = { kind: "text", address, text };
    buttons = [];
    await lotse.receive(incoming);
    await lotse.outbox.flush(); // the replies, before the next prompt
  };

  // Listen before anything is awaited: piped input may arrive (and end) at once.
  // Lines are handled strictly one after another.
  const closed = new Promise<void>((resolve) => rl.once("close", () => resolve()));
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = (line: string) => {
    queue = queue.then(() => handle(line)).then(prompt, (error: unknown) => write(String(error)));
  };
  rl.on("line", enqueue);
  write(lotse.t(lotse.config.DEFAULT_LANGUAGE, "web.title"));
  enqueue("/start");
  await closed;
  await queue;
}

function safeUser(): string {
  try {
    return userInfo().username || "local";
  } catch {
    return "local";
  }
}
