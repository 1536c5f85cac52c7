import type { Block, Button, Reply } from "./message.js";

/**
 * A reply as platforms that fold with a button show it (Telegram, Discord): folded "Mehr" details
 * are left out, and their toggles ("Mehr" / "Weniger") become the first row of buttons, right
 * below the text. Unfolded details stay, to be shown in full. Without toggles, the reply as it is.
 */
export function foldMore(reply: Reply): Reply {
  const toggles: Button[] = [];
  const blocks = reply.blocks.filter((block: Block) => {
    if (block.type !== "more" || !block.toggle) return true;
    toggles.push({ id: block.toggle.id, label: block.toggle.label });
    return block.toggle.open;
  });
  if (!toggles.length) return reply;
  return { ...reply, blocks, buttons: [toggles, ...(reply.buttons ?? [])] };
}
