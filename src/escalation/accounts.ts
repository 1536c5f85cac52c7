import { createHash, randomBytes } from "node:crypto";
import type { Clock } from "../core/clock.js";
import type { Store } from "../store/store.js";
import type { Coordinator } from "./desk.js";
import type { Routing } from "./routing.js";
import type { Ticket } from "./tickets.js";

/**
 * Coordinators of the web desk (and of mail notices): who they are and which regions they cover.
 * There are no passwords and no default accounts: an operator invites a coordinator
 * (`lotse desk invite`), the one-time link signs them in, and a session cookie keeps them signed in
 * until it expires. Invite and session tokens are stored only as hashes: a copy of the store
 * does not sign anybody in.
 */
export interface DeskAccount {
  id: string;
  name: string;
  /** Region or Land ids from contacts.yaml, or "all" (also tickets without a region). */
  regions: string[];
  email?: string;
  createdAt: string;
}

interface Invite {
  account: string;
  expiresAt: string;
}

interface Session {
  account: string;
  expiresAt: string;
}

export const ALL_REGIONS = "all";
const INDEX = "accounts";
const hash = (token: string) => createHash("sha256").update(token).digest("base64url");
const token = () => randomBytes(24).toString("base64url");
/** The sessions of one account, so revoking it ends them all. */
const sessionsOf = (account: string) => `sessions:${account}`;

/** Whether an account with these regions covers a ticket's region (a region id, or the id of its Land). */
export function covers(regions: readonly string[], region: string | null, routing: Routing): boolean {
  if (regions.includes(ALL_REGIONS)) return true;
  if (!region) return false;
  return regions.includes(region) || regions.includes(routing.landOf(region) ?? "\0");
}

export class DeskAccounts {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly routing: Routing,
  ) {}

  /** Region ids that are not in contacts.yaml (a typo would show the coordinator nothing). */
  unknownRegions(regions: string[]): string[] {
    const known = new Set([ALL_REGIONS, ...this.routing.lands.flatMap((l) => [l.id, ...l.regions.map((r) => r.id)])]);
    return regions.filter((r) => !known.has(r));
  }

  /** Creates an account and its first sign-in link token (valid `validMs`). */
  async create(input: { name: string; regions: string[]; email?: string }, validMs: number): Promise<{ account: DeskAccount; token: string }> {
    const account: DeskAccount = { id: randomBytes(6).toString("hex"), name: input.name, regions: input.regions, ...(input.email ? { email: input.email } : {}), createdAt: this.clock.now().toISOString() };
    await this.store.ns<DeskAccount>("desk-accounts").set(account.id, account);
    await this.store.sets("desk").add(INDEX, account.id);
    return { account, token: await this.invite(account.id, validMs) };
  }

  /** A new one-time sign-in link token for an existing account (a lost link, a new device). */
  async invite(accountId: string, validMs: number): Promise<string> {
    const secret = token();
    const expiresAt = new Date(this.clock.now().getTime() + validMs).toISOString();
    await this.store.ns<Invite>("desk-invites").set(hash(secret), { account: accountId, expiresAt }, validMs);
    return secret;
  }

  get(id: string): Promise<DeskAccount | undefined> {
    return this.store.ns<DeskAccount>("desk-accounts").get(id);
  }

  async list(): Promise<DeskAccount[]> {
    const accounts = await Promise.all((await this.store.sets("desk").members(INDEX)).map((id) => this.get(id)));
    return accounts.filter((a): a is DeskAccount => a !== undefined).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Deletes the account and ends its sessions. Its id stays in ticket histories as "desk:<id>". */
  async revoke(id: string): Promise<boolean> {
    const account = await this.get(id);
    if (!account) return false;
    for (const session of await this.store.sets("desk").members(sessionsOf(id))) {
      await this.store.ns("desk-sessions").delete(session);
      await this.store.sets("desk").remove(sessionsOf(id), session);
    }
    await this.store.ns("desk-accounts").delete(id);
    await this.store.sets("desk").remove(INDEX, id);
    return true;
  }

  /**
   * Trades a sign-in link token for a session token, once: the invite is gone after the first
   * use (in one unit, so two clicks at the same time do not both sign in). Undefined when
   * unknown, used, expired or its account revoked.
   */
  async redeem(secret: string, sessionMs: number): Promise<{ account: DeskAccount; session: string } | undefined> {
    const result = await this.store.unit(async () => {
      const invites = this.store.ns<Invite>("desk-invites");
      const invite = await invites.get(hash(secret));
      if (!invite) return undefined;
      await invites.delete(hash(secret));
      const account = await this.get(invite.account);
      if (!account || Date.parse(invite.expiresAt) <= this.clock.now().getTime()) return undefined;
      const session = token();
      await this.store.ns<Session>("desk-sessions").set(hash(session), { account: account.id, expiresAt: new Date(this.clock.now().getTime() + sessionMs).toISOString() }, sessionMs);
      await this.store.sets("desk").add(sessionsOf(account.id), hash(session));
      return { account, session };
    });
    return result.duplicate ? undefined : result.value;
  }

  /** The account signed in with this session token, while the session lasts and the account exists. */
  async session(secret: string): Promise<DeskAccount | undefined> {
    const session = await this.store.ns<Session>("desk-sessions").get(hash(secret));
    if (!session || Date.parse(session.expiresAt) <= this.clock.now().getTime()) return undefined;
    return this.get(session.account);
  }

  async endSession(secret: string): Promise<void> {
    const session = await this.store.ns<Session>("desk-sessions").get(hash(secret));
    await this.store.ns("desk-sessions").delete(hash(secret));
    if (session) await this.store.sets("desk").remove(sessionsOf(session.account), hash(secret));
  }

  /** The account as a coordinator at the desk: it sees the tickets of its regions. */
  coordinator(account: DeskAccount): Coordinator {
    return { id: `desk:${account.id}`, sees: (ticket: Ticket) => covers(account.regions, ticket.region, this.routing) };
  }

  /** Whether some account covers this region (the volunteer is told honestly when none does). */
  async reaches(region: string | null): Promise<boolean> {
    return (await this.list()).some((a) => covers(a.regions, region, this.routing));
  }

  /** Accounts with an e-mail address that cover this ticket's region (for mail notices). */
  async mailRecipients(ticket: Pick<Ticket, "region">): Promise<DeskAccount[]> {
    return (await this.list()).filter((a) => a.email && covers(a.regions, ticket.region, this.routing));
  }
}
