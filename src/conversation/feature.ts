import type { Reply } from "../core/message.js";
import type { ButtonAction } from "./state.js";
import type { Turn } from "./turn.js";

/**
 * A conversation feature as a table: the commands it answers and the button actions it handles.
 * The assistant merges the tables of all features and dispatches by name, so adding a command is a
 * line in its feature. Telegram's command menu is built from the merged table; Discord's slash
 * commands (which have options) are listed in adapters/discord/commands.ts, and a test checks that
 * they cover the table.
 */

/** Where a button was pressed: its id and the platform's reference of the message it sits under. */
export interface Press {
  buttonId: string;
  messageRef?: string;
}

export type CommandHandler = (args: string, turn: Turn) => Promise<Reply[]> | Reply[];

export type ButtonHandlers = {
  [K in ButtonAction["do"]]?: (action: Extract<ButtonAction, { do: K }>, turn: Turn, press: Press) => Promise<Reply[]> | Reply[];
};

export interface Feature {
  name: string;
  commands?: Record<string, CommandHandler>;
  buttons?: ButtonHandlers;
}

type AnyButtonHandler = (action: ButtonAction, turn: Turn, press: Press) => Promise<Reply[]> | Reply[];

/** The merged tables. A command or action claimed by two features is a programming error, caught at start. */
export class FeatureTable {
  private readonly commands = new Map<string, CommandHandler>();
  private readonly buttons = new Map<ButtonAction["do"], AnyButtonHandler>();

  constructor(features: readonly Feature[]) {
    for (const feature of features) {
      for (const [name, handler] of Object.entries(feature.commands ?? {})) {
        if (this.commands.has(name)) throw new Error(`command /${name} is claimed twice (${feature.name})`);
        this.commands.set(name, handler);
      }
      for (const [action, handler] of Object.entries(feature.buttons ?? {}) as [ButtonAction["do"], AnyButtonHandler][]) {
        if (this.buttons.has(action)) throw new Error(`button action ${action} is claimed twice (${feature.name})`);
        this.buttons.set(action, handler);
      }
    }
  }

  /** The command names, in the order of the features and their tables (the platforms' menus). */
  get commandNames(): string[] {
    return [...this.commands.keys()];
  }

  command(name: string): CommandHandler | undefined {
    return this.commands.get(name);
  }

  /** Every action a button can carry has a handler: the compiler checks the union, this the tables. */
  async press(action: ButtonAction, turn: Turn, press: Press): Promise<Reply[]> {
    const handler = this.buttons.get(action.do);
    if (!handler) throw new Error(`no feature handles the button action ${action.do}`);
    return handler(action, turn, press);
  }
}
