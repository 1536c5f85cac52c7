import type { Platform } from "../core/message.js";
import type { Sender } from "../core/outbox/outbox.js";
import type { MountRoutes } from "../http/server.js";

/**
 * The one shape every platform adapter has. An adapter translates the platform's events into
 * `Incoming` messages for `lotse.receive` and delivers `Reply`s through its sender, which the
 * outbox calls; it registers that sender with the outbox when it is built. Optional capabilities
 * are optional members: the core never branches on a platform's name.
 * The registry (index.ts) says which variables switch an adapter on and loads it lazily.
 */
export interface PlatformAdapter {
  /** The platform whose addresses `sender` delivers to. */
  readonly platform: Platform;
  readonly sender: Sender;
  /** HTTP routes of this adapter (webhooks, pages), mounted on the one server in registry order. */
  readonly routes?: MountRoutes;
  /**
   * Connects to the platform (polling, socket, gateway). `signal` ends an attempt that was given up.
   * Absent: there is nothing to connect to (the web chat, mail).
   */
  start?(signal: AbortSignal): Promise<void>;
  stop?(): Promise<void>;
  /** Can replace a sent message in place (`Reply.replaces`): "Mehr" and listings update the message shown. */
  readonly editsInPlace?: boolean;
  /** Can show a message to one user in a shared chat (`Reply.visibility: "recipient"`). */
  readonly ephemeral?: boolean;
  /** Can open a private chat with a user, where hand-overs from a shared chat continue. */
  readonly directMessages?: boolean;
}
