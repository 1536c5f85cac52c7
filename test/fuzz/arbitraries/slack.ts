/** Generators for the Slack events endpoint: events, interactions and commands, signed or forged. */
import fc from "fast-check";
import { ACTIONS, ANSWER_MODAL } from "../../../src/adapters/slack/card.js";
import { signBody } from "../../fakes/slack-api.js";
import { now, type Req } from "../requests.js";
import { FORM, slack, SLACK_PATH, SLACK_SIGNING_SECRET, TEAM_CHANNEL } from "../rig.js";
import { anyJson, contentType, headerText, jsonText, malformedBody, truncatedJson, unicodeText } from "./common.js";

// Slack: events, interactions and commands; signed correctly (to reach the handlers) or forged.
const slackUser = fc.oneof({ weight: 3, arbitrary: fc.record({ id: fc.oneof(fc.constantFrom("U_COORD", "U_OTHER"), fc.string(), anyJson), team_id: fc.constant("T_LOTSE") }, { requiredKeys: [] }) }, { weight: 1, arbitrary: anyJson });
const slackChannel = fc.oneof({ weight: 3, arbitrary: fc.record({ id: fc.oneof(fc.constantFrom(TEAM_CHANNEL, "#lotse-berlin"), fc.string(), anyJson) }, { requiredKeys: [] }) }, { weight: 1, arbitrary: anyJson });
const actionValue = fc.oneof(fc.constantFrom("L-ABCDEF", "L-ABCDEF|anwalt", "|", "L-\u0000|", "L-ABCDEF|../../x"), fc.string({ maxLength: 3_000 }), anyJson);
const slackAction = fc.record(
  {
    type: fc.constantFrom("button", "static_select", "overflow"),
    action_id: fc.oneof(fc.constantFrom(...Object.values(ACTIONS)), fc.string()),
    block_id: fc.string(),
    value: actionValue,
    selected_option: fc.oneof(fc.record({ value: actionValue }), anyJson),
    action_ts: fc.string(),
  },
  { requiredKeys: [] },
);
const team = fc.oneof({ weight: 3, arbitrary: fc.constant({ id: "T_LOTSE", domain: "lotse-test" }) }, { weight: 1, arbitrary: anyJson });
const blockActions = fc.record({ type: fc.constant("block_actions"), user: slackUser, channel: slackChannel, team, api_app_id: fc.constant("A_LOTSE"), actions: fc.oneof({ weight: 3, arbitrary: fc.array(slackAction, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: anyJson }), trigger_id: fc.oneof(fc.string(), anyJson), container: anyJson }, { requiredKeys: ["type", "actions"] });
const answerValues = fc.record({ answer: fc.oneof(fc.record({ text: fc.oneof(fc.record({ type: fc.constant("plain_text_input"), value: fc.oneof(fc.string(), fc.constant("z".repeat(100_000)), anyJson) }), anyJson) }), anyJson) });
const viewSubmission = fc.record(
  {
    type: fc.constant("view_submission"),
    user: slackUser,
    team,
    api_app_id: fc.constant("A_LOTSE"),
    view: fc.oneof(
      { weight: 3, arbitrary: fc.record({ id: fc.string(), callback_id: fc.oneof(fc.constant(ANSWER_MODAL), fc.string()), private_metadata: fc.oneof(truncatedJson, jsonText, fc.constant(JSON.stringify({ ticket: "L-ABCDEF", channel: TEAM_CHANNEL })), anyJson), state: fc.oneof(fc.record({ values: fc.oneof(answerValues, anyJson) }), anyJson) }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: anyJson },
    ),
  },
  { requiredKeys: ["type", "view"] },
);
const otherInteraction = fc.record({ type: fc.oneof(fc.constantFrom("shortcut", "message_action", "block_suggestion", "view_closed", "interactive_message", "dialog_submission"), fc.string()), callback_id: fc.string(), user: slackUser, team, action_id: fc.string(), value: fc.string() }, { requiredKeys: ["type"] });
const slackEvent = fc.record(
  {
    type: fc.oneof(fc.constantFrom("message", "app_mention", "reaction_added", "app_home_opened"), fc.string()),
    subtype: fc.oneof(fc.constantFrom("bot_message", "message_changed"), anyJson),
    user: fc.oneof(fc.constantFrom("U_COORD", "U_OTHER"), fc.string(), anyJson),
    text: fc.oneof(fc.string(), fc.constant("y".repeat(100_000)), fc.constantFrom("note: intern", "  "), anyJson),
    channel: fc.oneof(fc.constant(TEAM_CHANNEL), anyJson),
    ts: fc.oneof(fc.constantFrom("1700000000.000100", "1700000001.000100"), fc.string(), anyJson),
    thread_ts: fc.oneof(fc.constant("1700000000.000100"), fc.string(), anyJson),
    bot_id: fc.string(),
  },
  { requiredKeys: [] },
);
const eventCallback = fc.record(
  { type: fc.constant("event_callback"), team_id: fc.constant("T_LOTSE"), api_app_id: fc.constant("A_LOTSE"), event_id: fc.oneof(fc.string(), anyJson), event: fc.oneof({ weight: 3, arbitrary: slackEvent }, { weight: 1, arbitrary: anyJson }), authorizations: anyJson },
  { requiredKeys: ["type", "event"] },
);
/** The body of a slash command; `response_url` points at the fake (or is missing), never out of the machine. */
const commandBody = fc
  .record(
    {
      command: fc.oneof(fc.constant("/lotse"), fc.string()),
      text: fc.oneof(fc.string(), unicodeText, fc.constantFrom("open", "stats", "events", "events berlin", "events ../../x", "event", "event cancel jour-fixe-berlin-nord 2026-11-12T18:00", "event move a b c", "event add a b c d e f g", "privacy", "my_data", "delete_me", "help"), fc.string().map((s) => `event add ${s}`)),
      user_id: fc.oneof(fc.constantFrom("U_COORD", "U_OTHER"), fc.string()),
      channel_id: fc.oneof(fc.constant(TEAM_CHANNEL), fc.string()),
      team_id: fc.constant("T_LOTSE"),
      api_app_id: fc.constant("A_LOTSE"),
      trigger_id: fc.string(),
    },
    { requiredKeys: [] },
  )
  .chain((fields) => fc.boolean().map((withResponseUrl) => new URLSearchParams({ ...fields, ...(withResponseUrl ? { response_url: `${slack.apiUrl}response` } : {}) }).toString()));

// Well-typed Slack requests with odd values: they pass the shape check and reach the listeners.
const oddText = fc.oneof(fc.string({ maxLength: 80 }), unicodeText, fc.constantFrom("", "  ", "note: intern", "<!channel>", "*bold* _x_ `code`"), fc.constant("z".repeat(100_000)));
const someUser = fc.constantFrom("U_COORD", "U_OTHER", "U_LOTSE");
const someChannel = fc.constantFrom(TEAM_CHANNEL, "#lotse-berlin", "C_OTHER");
const oddAction = fc.record({
  type: fc.constant("block_actions"),
  user: someUser.map((id) => ({ id, team_id: "T_LOTSE" })),
  team: fc.constant({ id: "T_LOTSE" }),
  channel: someChannel.map((id) => ({ id })),
  trigger_id: fc.string(),
  actions: fc.array(fc.record({ type: fc.constantFrom("button", "static_select"), action_id: fc.constantFrom(...Object.values(ACTIONS)), block_id: fc.string(), value: fc.oneof(fc.constantFrom("L-ABCDEF", "L-ABCDEF|anwalt", "L-ABCDEF|valueOf", "|", ""), fc.string({ maxLength: 3_000 })), action_ts: fc.string() }), { minLength: 1, maxLength: 2 }),
});
const oddView = fc.record({
  type: fc.constant("view_submission"),
  user: someUser.map((id) => ({ id, team_id: "T_LOTSE" })),
  team: fc.constant({ id: "T_LOTSE" }),
  view: fc.record({
    id: fc.string(),
    callback_id: fc.constant(ANSWER_MODAL),
    private_metadata: fc.oneof(fc.record({ ticket: fc.oneof(fc.constant("L-ABCDEF"), fc.string()), channel: someChannel }).map((m) => JSON.stringify(m)), truncatedJson, fc.string()),
    state: fc.record({ values: fc.record({ answer: fc.record({ text: fc.record({ type: fc.constant("plain_text_input"), value: oddText }) }) }) }),
  }),
});
const oddCommand = fc.record({ text: fc.oneof(oddText, fc.constantFrom("open", "stats", "events", "events berlin", "events ../../x", "event cancel jour-fixe-berlin-nord 2026-11-12T18:00", "event add a 2026-13-45T99:99 -5 x y z", "privacy", "my_data", "delete_me")), user_id: someUser, channel_id: someChannel });
const oddMessageEvent = fc.record({ user: someUser, text: oddText, channel: someChannel, thread_ts: fc.constantFrom("1700000000.000100", "1.0", ""), event_id: fc.string({ minLength: 1, maxLength: 30 }) });
const oddSlack = fc.oneof(
  fc.oneof(oddAction, oddView).map((p) => ({ body: new URLSearchParams({ payload: JSON.stringify(p) }).toString(), type: FORM })),
  oddCommand.map((f) => ({ body: new URLSearchParams({ command: "/lotse", team_id: "T_LOTSE", api_app_id: "A_LOTSE", ...f, response_url: `${slack.apiUrl}response` }).toString(), type: FORM })),
  oddMessageEvent.map(({ event_id, ...e }) => ({ body: JSON.stringify({ type: "event_callback", team_id: "T_LOTSE", api_app_id: "A_LOTSE", event_id, event: { type: "message", ts: "1700000001.000200", ...e } }), type: "application/json" })),
);

/** A Slack body and the content type it travels with. */
export const slackBody: fc.Arbitrary<{ body: string | Uint8Array; type: string }> = fc.oneof(
  { weight: 6, arbitrary: oddSlack },
  { weight: 2, arbitrary: fc.record({ body: malformedBody, type: contentType }) },
  { weight: 3, arbitrary: eventCallback.map((e) => ({ body: JSON.stringify(e), type: "application/json" })) },
  { weight: 1, arbitrary: fc.record({ type: fc.constantFrom("url_verification", "app_rate_limited"), challenge: anyJson, token: fc.string() }, { requiredKeys: ["type"] }).map((e) => ({ body: JSON.stringify(e), type: "application/json" })) },
  {
    weight: 4,
    arbitrary: fc.oneof(blockActions.map((p) => JSON.stringify(p)), viewSubmission.map((p) => JSON.stringify(p)), otherInteraction.map((p) => JSON.stringify(p)), truncatedJson, jsonText, unicodeText).map((payload) => ({ body: new URLSearchParams({ payload }).toString(), type: FORM })),
  },
  { weight: 3, arbitrary: commandBody.map((body) => ({ body, type: FORM })) },
  { weight: 1, arbitrary: fc.constantFrom("payload=", "payload", "payload=%", "payload=%7B&payload=%7B%7D", "ssl_check=1", "=&=&", "payload=null", "payload=[]", "payload=1").map((body) => ({ body, type: FORM })) },
);

/** Every way a request can fail Slack's check: no signature, a wrong one, another secret, another body, too old. */
export const forgedSlack: fc.Arbitrary<Req> = fc
  .record({
    body: slackBody,
    forgery: fc.constantFrom("none", "noTimestamp", "garbage", "otherSecret", "otherBody", "stale", "badTimestamp", "v1"),
    garbage: headerText(100),
    age: fc.integer({ min: 301, max: 400 * 86_400 }),
  })
  .map(({ body: { body, type }, forgery, garbage, age }) => {
    const text = typeof body === "string" ? body : Buffer.from(body).toString("utf8");
    const good = signBody(SLACK_SIGNING_SECRET, text);
    const headers: Record<string, string> = { "content-type": type };
    if (forgery === "noTimestamp") headers["x-slack-signature"] = good["x-slack-signature"];
    if (forgery === "garbage") Object.assign(headers, { "x-slack-signature": garbage, "x-slack-request-timestamp": String(now()) });
    if (forgery === "otherSecret") Object.assign(headers, signBody("not-the-signing-secret", text));
    if (forgery === "otherBody") Object.assign(headers, signBody(SLACK_SIGNING_SECRET, `${text} `));
    if (forgery === "stale") Object.assign(headers, signBody(SLACK_SIGNING_SECRET, text, now() - age));
    if (forgery === "badTimestamp") Object.assign(headers, { "x-slack-signature": good["x-slack-signature"], "x-slack-request-timestamp": garbage });
    if (forgery === "v1") Object.assign(headers, { ...good, "x-slack-signature": good["x-slack-signature"].replace(/^v0=/, "v1=") });
    return { method: "POST", path: SLACK_PATH, body, headers };
  });
/** Bolt lets `ssl_check=1` through unsigned (and strips anything else from the body); all else is 401. */
export const isSslCheck = (req: Req) => req.headers?.["content-type"] === FORM && new URLSearchParams(String(req.body)).get("ssl_check") === "1";
