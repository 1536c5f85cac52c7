import type { Lotse } from "./app.js";
import type { Config } from "./config.js";
import type { DeskAccounts } from "./escalation/accounts.js";
import type { Routing } from "./escalation/routing.js";
import type { EventDef } from "./events/calendar.js";

/**
 * What still is example data or missing in a deployment, so placeholders never reach volunteers
 * unnoticed: the start log warns once per kind, /readyz reports `configured: false` with the
 * reasons, and `lotse doctor` lists them with what is switched on.
 */
export type GapKind = "operator" | "contacts" | "events" | "desk";

export interface Gap {
  kind: GapKind;
  reason: string;
}

/** Example domains (RFC 2606) and the "(Beispiel)" marker of the shipped example data. */
const EXAMPLE = /(^|[.@/])example\.(org|com|net)\b|\((Beispiel|example)\b/i;

export interface SetupFacts {
  config: Pick<Config, "OPERATOR_NAME" | "OPERATOR_CONTACT">;
  routing: Routing;
  events: readonly EventDef[];
  accounts: Pick<DeskAccounts, "list">;
}

/** From a running Lotse. */
export const factsOf = (lotse: Pick<Lotse, "config" | "routing" | "calendar" | "accounts">): SetupFacts => ({ config: lotse.config, routing: lotse.routing, events: lotse.calendar.events, accounts: lotse.accounts });

export async function setupGaps(facts: SetupFacts, options: { slack: boolean }): Promise<Gap[]> {
  const { config, routing, events } = facts;
  const gaps: Gap[] = [];
  if (EXAMPLE.test(config.OPERATOR_NAME) || EXAMPLE.test(config.OPERATOR_CONTACT)) {
    gaps.push({ kind: "operator", reason: "OPERATOR_NAME / OPERATOR_CONTACT are the examples: /privacy names nobody real (set them in .env)" });
  }
  const contacts = [routing.contacts.default, ...routing.lands.flatMap((land) => [land.contact, ...land.regions.map((r) => r.contact)])].filter((c) => c !== undefined);
  const exampleContacts = contacts.filter((c) => EXAMPLE.test(`${c.role} ${c.name ?? ""} ${c.email ?? ""}`));
  if (exampleContacts.length) {
    gaps.push({ kind: "contacts", reason: `${exampleContacts.length} of ${contacts.length} contact persons in knowledge/contacts.yaml are examples: volunteers are shown them` });
  }
  const exampleEvents = events.filter((e) => EXAMPLE.test([...Object.values(e.title), e.online ?? "", e.registration ?? "", e.organiser ?? "", e.place ?? ""].join(" ")));
  if (exampleEvents.length) {
    gaps.push({ kind: "events", reason: `${exampleEvents.length} of ${events.length} meetings in knowledge/events.yaml are examples: they are announced and reminded` });
  }
  if (!options.slack && !(await facts.accounts.list()).length) {
    gaps.push({ kind: "desk", reason: 'no coordinator can see hand-overs (Slack is off and nobody is invited to the web desk): npx lotse desk invite --name "…" --regions <region ids>' });
  }
  return gaps;
}
