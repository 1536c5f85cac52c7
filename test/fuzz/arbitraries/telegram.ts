/** Generators for the Telegram webhook: updates shaped like the real ones, and wrong secrets. */
import fc from "fast-check";
import { SLACK_SIGNING_SECRET, TELEGRAM_TOKEN, WEBHOOK_SECRET } from "../rig.js";
import { anyJson, headerText, unicodeText } from "./common.js";

// Telegram: updates shaped like the real ones, with every field possibly nonsense.
const tgUser = fc.oneof(
  { weight: 3, arbitrary: fc.record({ id: fc.oneof(fc.integer({ min: 1, max: 2 ** 40 }), anyJson), is_bot: fc.oneof(fc.boolean(), anyJson), first_name: fc.string(), language_code: fc.oneof(fc.constantFrom("de", "en", "ar", "xx", ""), anyJson) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: anyJson },
);
const tgChat = fc.oneof(
  { weight: 3, arbitrary: fc.record({ id: fc.oneof(fc.integer({ min: -(2 ** 45), max: 2 ** 45 }), anyJson), type: fc.oneof(fc.constantFrom("private", "group", "supergroup", "channel"), anyJson), is_forum: fc.boolean() }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: anyJson },
);
const tgText = fc.oneof(
  fc.string({ maxLength: 300 }),
  unicodeText,
  fc.constantFrom("/start", "/help", "/language", "/region berlin-pankow", "/contact", "/start@LotseTestBot", "/start@OtherBot", "@LotseTestBot hilfe", "/", "/@"),
  fc.constant("x".repeat(100_000)),
  anyJson,
);
const tgEntity = fc.record({ type: fc.oneof(fc.constantFrom("bot_command", "mention", "url", "text_link"), anyJson), offset: fc.oneof(fc.integer(), anyJson), length: fc.oneof(fc.integer(), anyJson) }, { requiredKeys: [] });
const tgMessage = fc.record(
  {
    message_id: fc.oneof(fc.nat(), anyJson),
    date: fc.nat(),
    chat: tgChat,
    from: tgUser,
    text: tgText,
    entities: fc.oneof(fc.array(tgEntity, { maxLength: 4 }), anyJson),
    message_thread_id: fc.oneof(fc.nat(), anyJson),
    is_topic_message: fc.oneof(fc.boolean(), anyJson),
    reply_to_message: fc.oneof(fc.record({ message_id: fc.nat(), from: tgUser }), anyJson),
    reply_markup: fc.oneof(fc.record({ inline_keyboard: fc.oneof(fc.array(fc.array(fc.record({ text: fc.string(), callback_data: fc.string() }))), anyJson) }), anyJson),
  },
  { requiredKeys: [] },
);
const tgCallback = fc.record(
  {
    id: fc.oneof(fc.string(), anyJson),
    from: tgUser,
    message: fc.oneof({ weight: 3, arbitrary: tgMessage }, { weight: 1, arbitrary: anyJson }),
    chat_instance: fc.string(),
    data: fc.oneof(fc.string({ maxLength: 64 }), fc.string({ minLength: 65, maxLength: 5_000 }), fc.constantFrom("b1", "forged:ticket:L-ABCDEF", "../../admin", "\u0000", ""), anyJson),
  },
  { requiredKeys: [] },
);
const nonsenseUpdate = fc.record(
  {
    update_id: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 2 ** 31 }) }, { weight: 1, arbitrary: anyJson }, { weight: 1, arbitrary: fc.constantFrom(-1, 0.5, 2 ** 53 + 2) }),
    message: tgMessage,
    edited_message: tgMessage,
    channel_post: tgMessage,
    callback_query: tgCallback,
    my_chat_member: anyJson,
    inline_query: anyJson,
    some_future_update_type: anyJson,
  },
  { requiredKeys: [] },
);
// Well-typed updates with odd values: they reach the handlers.
const oddUser = fc.record({ id: fc.integer({ min: 1, max: 2 ** 40 }), is_bot: fc.boolean(), first_name: fc.string(), language_code: fc.constantFrom("de", "en", "ar", "xx", "") }, { requiredKeys: ["id"] });
const oddMessage = fc.record(
  {
    message_id: fc.nat(),
    date: fc.nat(),
    chat: fc.record({ id: fc.integer({ min: -(2 ** 45), max: 2 ** 45 }), type: fc.constantFrom("private", "private", "group", "supergroup", "channel", "unknown") }),
    from: oddUser,
    text: fc.oneof(fc.string({ maxLength: 200 }), unicodeText, fc.constantFrom("/start", "/help", "/language", "/region berlin-pankow", "/region ../../x", "/contact", "/start@LotseTestBot", "/start@OtherBot", "@LotseTestBot hilfe", "/", "/@"), fc.constant("x".repeat(100_000))),
    entities: fc.array(fc.record({ type: fc.constantFrom("bot_command", "mention", "url"), offset: fc.nat(300), length: fc.nat(300) }), { maxLength: 3 }),
    message_thread_id: fc.nat(),
    is_topic_message: fc.boolean(),
  },
  { requiredKeys: ["message_id", "chat"] },
);
const oddUpdate = fc.record(
  {
    update_id: fc.integer({ min: 1, max: 2 ** 31 }),
    message: oddMessage,
    callback_query: fc.record({ id: fc.string(), from: oddUser, message: oddMessage, data: fc.oneof(fc.string({ maxLength: 64 }), fc.string({ minLength: 65, maxLength: 5_000 }), fc.constantFrom("b1", "forged:ticket:L-ABCDEF", "../../admin", "\u0000", "")) }, { requiredKeys: ["id", "from"] }),
    some_future_update_type: anyJson,
  },
  { requiredKeys: ["update_id"] },
);
export const tgUpdate = fc.oneof(nonsenseUpdate, oddUpdate);

/** Updates a working webhook would act on: if one of these got past a wrong secret, the fakes would see it. */
export const actionableUpdate = fc.record({ chat: fc.integer({ min: 1, max: 2 ** 40 }), text: fc.constantFrom("/start", "/help", "Wie finde ich einen Kita-Platz?", "/region berlin-pankow") }).map(({ chat, text }) =>
  JSON.stringify({ update_id: chat, message: { message_id: 1, date: 1_700_000_000, chat: { id: chat, type: "private", first_name: "T" }, from: { id: chat, is_bot: false, first_name: "T", language_code: "de" }, text, ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] } : {}) } }),
);
export const wrongSecret = fc
  .oneof(
    fc.constant(undefined),
    fc.constant(""),
    headerText(300),
    fc.constantFrom(WEBHOOK_SECRET.toUpperCase(), WEBHOOK_SECRET.slice(0, -1), `${WEBHOOK_SECRET}x`, WEBHOOK_SECRET.slice(1), `${WEBHOOK_SECRET},${WEBHOOK_SECRET}`, SLACK_SIGNING_SECRET, TELEGRAM_TOKEN),
  )
  .filter((s) => s?.trim() !== WEBHOOK_SECRET);
