import type { Lotse } from "../../app.js";
import type { MountRoutes } from "../../http/server.js";
import type { PlatformAdapter } from "../types.js";
import { deskRoutes } from "../desk/routes.js";
import { webChat } from "./routes.js";
import { WebInbox, webInboxData } from "./sender.js";

/**
 * The embedded default, on in every start and without tokens: the web chat at `/` and the
 * coordinators' web desk at `/desk`, both served by Lotse's own HTTP server. (The desk's live
 * front, which tells open desk pages of new tickets, is added by the registry: adapters/index.ts.)
 */
export class WebAdapter implements PlatformAdapter {
  readonly platform = "web";
  readonly sender: WebInbox;
  readonly editsInPlace = false;

  constructor(private readonly lotse: Lotse) {
    this.sender = new WebInbox(lotse.store, lotse.config.CONVERSATION_TTL_DAYS * 24 * 3600 * 1000);
    // The inbox is a record in the store: replies land in it with the unit of work that made them.
    lotse.outbox.register("web", this.sender, { inUnit: true });
    lotse.assistant.personalData.add(webInboxData(lotse.store));
  }

  /** The desk first, then the chat, whose routes end in a catch-all. */
  readonly routes: MountRoutes = (app) => {
    app.route("/desk", deskRoutes(this.lotse));
    app.route("/", webChat(this.lotse, this.sender));
  };
}
