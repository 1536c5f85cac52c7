import { operatorName, topicTitle } from "../../conversation/compose.js";
import { errorSummary } from "../../core/errors.js";
import { exportCoordinatorData } from "../../escalation/coordinator-data.js";
import { changeMeeting, meetingChangeFromWords } from "../../events/admin.js";
import { RESPONSES_PER_URL, codeBlocks } from "./code-blocks.js";
import { eraseConfirmation } from "./erase-confirmation.js";
import { escapeMrkdwn } from "./render.js";
import type { SlackContext } from "./context.js";

type Respond = (message: { response_type: "ephemeral"; text: string; blocks?: unknown[] }) => Promise<unknown>;

/** `/lotse open|stats|events|event|privacy|my_data|delete_me`: answers only the coordinator who asked. */
export function registerSlackCommands(ctx: SlackContext): void {
  const { lotse, t } = ctx;
  ctx.app.command("/lotse", async ({ ack, command, respond }) => {
    await ack();
    const [sub = "", ...args] = command.text.trim().split(/\s+/);
    let text: string;
    switch (sub.toLowerCase()) {
      case "open":
        text = await openTickets(ctx, command.user_id);
        break;
      case "stats":
        text = await stats(ctx, command.user_id);
        break;
      case "events":
        text = await upcomingMeetings(ctx, args[0]);
        break;
      case "event":
        text = await changeMeetingFromSlack(ctx, command.user_id, command.channel_id, args);
        break;
      case "privacy":
        text = t("slack.privacy", { operator: operatorName(lotse.config.OPERATOR_NAME), contact: lotse.config.OPERATOR_CONTACT, ticketDays: lotse.config.TICKET_RETENTION_DAYS });
        break;
      case "my_data":
        await sendExport(ctx, command.user_id, command.channel_id, respond as Respond);
        return;
      case "delete_me":
        // Slack's own confirmation dialog guards the button; the action erases only the presser's data.
        await respond({ response_type: "ephemeral", text: t("slack.deleteConfirm"), blocks: eraseConfirmation(t) });
        return;
      default:
        text = t("slack.help");
    }
    await respond({ response_type: "ephemeral", text });
  });
}

/**
 * `/lotse my_data`: the complete export, in as many ephemeral messages as it needs. A
 * response_url takes five; should a huge export need more, the rest go as ephemeral bot
 * messages in the channel (which fail where the bot is not a member: logged).
 */
async function sendExport(ctx: SlackContext, user: string, channel: string, respond: Respond): Promise<void> {
  const { lotse } = ctx;
  const data = await exportCoordinatorData(lotse, "slack", user);
  const [first = "", ...rest] = codeBlocks(JSON.stringify(data, null, 1));
  const parts = [`${ctx.t("privacy.export")}\n${first}`, ...rest];
  for (const text of parts.slice(0, RESPONSES_PER_URL)) await respond({ response_type: "ephemeral", text });
  for (const text of parts.slice(RESPONSES_PER_URL)) {
    try {
      await ctx.outboxClient.chat.postEphemeral({ channel, user, text });
    } catch (error) {
      lotse.logger.warn({ parts: parts.length, err: errorSummary(error) }, "slack export incomplete");
      return;
    }
  }
}

/** `/lotse events [region]`: the next meetings, as mrkdwn. */
async function upcomingMeetings(ctx: SlackContext, region?: string): Promise<string> {
  const { lang } = ctx;
  const next = await ctx.lotse.calendar.upcoming(8, region ? { regions: [region] } : {});
  if (!next.length) return ctx.t("events.none");
  const format = new Intl.DateTimeFormat(lang, { dateStyle: "full", timeStyle: "short", timeZone: "Europe/Berlin" });
  return next.map((o) => `• *${escapeMrkdwn(o.event.title[lang] ?? o.event.title.de!)}* – ${format.format(o.start)} (\`${o.eventId}\` ${o.originalLocal})`).join("\n");
}

/**
 * `/lotse event add|cancel|move …` (events/admin.ts): for configured coordinators and members
 * of a team channel, used in that channel.
 */
async function changeMeetingFromSlack(ctx: SlackContext, user: string, channel: string, args: string[]): Promise<string> {
  const { lotse, coordinators } = ctx;
  const { routing } = lotse;
  const teamChannels = new Set([routing.contacts.default.team_channel, ...routing.lands.flatMap((l) => [l.contact?.team_channel, ...l.regions.map((r) => r.contact?.team_channel)])].filter(Boolean));
  // A channel Slack will not list members of (private, without the bot) allows nothing, rather than failing the command.
  const inTeamChannel = async () => (teamChannels.has(channel) || (await channelNames(ctx, channel)).some((n) => teamChannels.has(n))) && (await coordinators.mayAct(user, channel).catch(() => false));
  if (!coordinators.isConfigured(user) && !(await inTeamChannel())) return ctx.t("slack.refused");
  const change = meetingChangeFromWords(args);
  if (!change) return ctx.t("discord.badEvent");
  return changeMeeting({ calendar: lotse.calendar, logger: lotse.logger, t: lotse.t, lang: ctx.lang }, change, user);
}

async function channelNames(ctx: SlackContext, channel: string): Promise<string[]> {
  try {
    const info = await ctx.app.client.conversations.info({ channel });
    const name = (info.channel as { name?: string } | undefined)?.name;
    return name ? [`#${name}`, name] : [];
  } catch {
    return [];
  }
}

/** Open tickets in the channels the user belongs to (or all, for configured coordinators). */
async function openTickets(ctx: SlackContext, user: string): Promise<string> {
  const { lotse, lang } = ctx;
  const lines = (await lotse.desk.list(ctx.coordinators.anywhere(user))).map(
    (ticket) => `• ${ticket.id} – ${ctx.t(`slack.status.${ticket.status}`)} – ${ticket.topic ? topicTitle(lotse.knowledge.kb, ticket.topic, lang) : "?"}`,
  );
  return lines.length ? lines.join("\n") : ctx.t("slack.noOpen");
}

/** Counts by state, topic and region for 30 days, of the tickets the user may see: numbers only, no text. */
async function stats(ctx: SlackContext, user: string): Promise<string> {
  const s = await ctx.lotse.desk.stats(ctx.coordinators.anywhere(user), 30);
  const counts = (m: Record<string, number>, label: (k: string) => string = (k) => k) =>
    Object.entries(m)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${label(k)}: ${n}`)
      .join(", ") || "–";
  return [
    `*${ctx.t("slack.statsTitle")}* (${s.total})`,
    `${ctx.t("slack.statusLabel")}: ${counts(s.byState, (k) => ctx.t(`slack.status.${k}`))}`,
    `${ctx.t("slack.topic")}: ${counts(s.byTopic)}`,
    `${ctx.t("slack.region")}: ${counts(s.byRegion)}`,
  ].join("\n");
}
