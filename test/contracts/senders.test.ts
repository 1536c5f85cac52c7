// Every platform's sender against its local fake, with the same cases (sender.contract.ts).
import { senderContract } from "./sender.contract.js";
import { discordRig, discordTraits } from "./rigs/discord.js";
import { slackRig, slackTraits } from "./rigs/slack.js";
import { telegramRig, telegramTraits } from "./rigs/telegram.js";
import { webRig, webTraits } from "./rigs/web.js";

senderContract("Telegram", telegramTraits, telegramRig);
senderContract("Slack", slackTraits, slackRig);
senderContract("Discord", discordTraits, discordRig);
senderContract("Web", webTraits, webRig);
