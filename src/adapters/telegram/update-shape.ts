import { z } from "zod";

/**
 * The fields of a Telegram update the adapter reads, with the types the Bot API guarantees.
 * grammY passes an update through unchecked, so a webhook body of another shape (possible only
 * with the secret) would make a handler throw. Other update types and extra fields may pass:
 * the adapter ignores them.
 */
const user = z.object({ id: z.number().int(), is_bot: z.boolean().optional(), language_code: z.string().optional() });
const message = z.object({
  message_id: z.number().int(),
  chat: z.object({ id: z.number().int(), type: z.string() }),
  from: user.optional(),
  text: z.string().optional(),
  entities: z.array(z.object({ type: z.string(), offset: z.number().int().min(0), length: z.number().int().min(0) })).optional(),
  message_thread_id: z.number().int().optional(),
  is_topic_message: z.boolean().optional(),
  reply_to_message: z.object({ from: user.optional() }).optional(),
  reply_markup: z.object({ inline_keyboard: z.array(z.array(z.object({}))) }).optional(),
});
const update = z.object({
  update_id: z.number().int().min(0),
  message: message.optional(),
  callback_query: z.object({ id: z.string(), from: user, message: message.optional(), data: z.string().optional() }).optional(),
});

export function isTelegramUpdate(body: unknown): boolean {
  return update.safeParse(body).success;
}
