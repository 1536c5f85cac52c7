import type { Translate } from "../i18n/i18n.js";
import type { Feature } from "./feature.js";
import type { Store } from "../store/store.js";
import { localeBlocks } from "./compose.js";
import type { Reply } from "../core/message.js";
import { registerButton, type ButtonAction } from "./state.js";
import { reply, type Turn } from "./turn.js";

/**
 * 👍/👎 under an answer: counted per topic (numbers only, no text), one vote per answer. A 👎 offers
 * the contact person, since the answer did not help.
 */
export async function vote(deps: { store: Store; t: Translate }, action: Extract<ButtonAction, { do: "feedback" }>, turn: Turn): Promise<Reply[]> {
  // One vote per answer: pressing removes both feedback buttons of that answer.
  for (const [id, other] of Object.entries(turn.conversation.buttons)) {
    if (other.do === "feedback" && other.group === action.group) delete turn.conversation.buttons[id];
  }
  await deps.store.withLock(`feedback:${action.topic}`, async () => {
    const space = deps.store.ns<{ up: number; down: number }>("feedback");
    const counts = (await space.get(action.topic)) ?? { up: 0, down: 0 };
    counts[action.value] += 1;
    await space.set(action.topic, counts);
  });
  const key = action.value === "up" ? "feedback.thanks" : "feedback.sorry";
  const buttons =
    action.value === "down"
      ? [[{ id: registerButton(turn.conversation, { do: "handover", topic: action.topic, question: turn.conversation.lastQuestion ?? "", priority: "normal" }), label: deps.t(turn.lang, "buttons.askContact") }]]
      : undefined;
  return [reply(turn.lang, localeBlocks(deps.t, turn.lang, key), buttons, "feedback")];
}

/** The "helpful / not helpful" buttons under an answer. */
export function feedbackFeature(deps: { store: Store; t: Translate }): Feature {
  return { name: "feedback", buttons: { feedback: (action, turn) => vote(deps, action, turn) } };
}
