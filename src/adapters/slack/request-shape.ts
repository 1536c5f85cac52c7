import { z } from "zod";

/**
 * The fields of a signed Slack request that Bolt's dispatch and the adapter's listeners read,
 * with the types Slack guarantees. Bolt trusts a verified body: a payload of another shape
 * (possible only with the signing secret) makes it throw, and Slack would see a 500. Fields
 * nobody reads, and kinds Lotse does not handle, are left to Bolt.
 */
const withId = z.object({ id: z.string() });
const objectOrString = z.union([z.string(), z.object({})]);

const messageEvent = z.object({
  type: z.literal("message"),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  user: z.string().optional(),
  text: z.string().optional(),
  channel: z.string().optional(),
  ts: z.string().optional(),
  thread_ts: z.string().optional(),
});
const otherEvent = z.object({
  type: z.string().refine((type) => type !== "message"),
  user: objectOrString.optional(),
  channel: objectOrString.optional(),
  item: z.object({}).optional(),
  subteam: z.object({}).optional(),
});
const eventCallback = z.object({
  event: z.union([messageEvent, otherEvent]),
  event_id: z.string().optional(),
  team_id: z.string().optional(),
  authorizations: z.array(z.object({ team_id: z.string().nullable().optional(), enterprise_id: z.string().nullable().optional() })).optional(),
});

const slashCommand = z.object({ command: z.string(), text: z.string(), user_id: z.string(), channel_id: z.string(), team_id: z.string().optional(), response_url: z.string() });

/** Options, actions, shortcuts and views: who, in which workspace and channel. */
const interaction = z.object({
  user: z.object({ id: z.string(), team_id: z.string().nullable().optional() }),
  team: withId.nullable().optional(),
  enterprise: withId.nullable().optional(),
  channel: withId.optional(),
});
const blockActions = interaction.extend({
  actions: z.array(z.object({ type: z.string(), action_id: z.string().optional(), value: z.string().optional(), selected_option: z.object({ value: z.string() }).nullable().optional() })).min(1),
});
const viewAction = interaction.extend({
  view: z.object({ callback_id: z.string().optional(), private_metadata: z.string().optional(), app_installed_team_id: z.string().nullable().optional(), state: z.object({ values: z.record(z.string(), z.unknown()) }) }),
});

/** In the order Bolt tells the kinds apart (getTypeAndConversation). */
export function isSlackRequestBody(body: unknown): boolean {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  if (b.event !== undefined) return eventCallback.safeParse(b).success;
  if (b.command !== undefined) return slashCommand.safeParse(b).success;
  if (b.name !== undefined || b.type === "block_suggestion") return interaction.safeParse(b).success;
  if (b.actions !== undefined) return blockActions.safeParse(b).success;
  if (b.type === "dialog_submission" || b.type === "shortcut" || b.type === "message_action") return interaction.safeParse(b).success;
  if (b.type === "view_submission" || b.type === "view_closed") return viewAction.safeParse(b).success;
  return true; // url_verification, ssl_check, or a kind Bolt does not dispatch
}
