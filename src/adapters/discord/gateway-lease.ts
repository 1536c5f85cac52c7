import type { Lotse } from "../../app.js";
import { LeaseKeeper } from "../../store/lease-keeper.js";
import { RejectedCredentials, startWithin } from "../start-within.js";
import type { PlatformAdapter } from "../types.js";
import type { DiscordAdapter } from "./adapter.js";

/**
 * Discord allows one gateway connection per bot that should answer interactions. Every instance
 * sends to Discord over REST (its outbox); only the holder of the "discord-gateway" lease keeps the
 * gateway connection that receives interactions, so nothing is answered twice. Starting this
 * adapter starts competing for the lease; the connection is retried with the lease, every third of
 * DISCORD_GATEWAY_LEASE_SECONDS.
 */
export function leasedGateway(lotse: Lotse, discord: DiscordAdapter, timeoutMs: number): PlatformAdapter {
  const connect = async () => {
    try {
      await startWithin(timeoutMs, () => discord.start(), () => discord.stop());
    } catch (error) {
      if (!(error instanceof RejectedCredentials)) throw error; // an outage: the lease is tried again
      lotse.logger.error({ adapter: "discord", variable: error.variable }, error.message);
      void gateway.stop(); // this instance stops competing for the gateway; REST sends keep retrying
    }
  };
  const gateway: LeaseKeeper = new LeaseKeeper(lotse.store, "discord-gateway", { ttlMs: lotse.config.DISCORD_GATEWAY_LEASE_SECONDS * 1000, onAcquired: connect, onLost: () => discord.stop() }, lotse.logger);
  return {
    platform: discord.platform,
    sender: discord.sender,
    editsInPlace: discord.editsInPlace,
    ephemeral: discord.ephemeral,
    directMessages: discord.directMessages,
    // Not awaited: the lease keeper never fails, it keeps trying on its own timer; the start loop's
    // timeout and retry (main.ts) must not stop it halfway through a slow first attempt.
    start: async () => void gateway.start(),
    stop: () => gateway.stop(),
  };
}
