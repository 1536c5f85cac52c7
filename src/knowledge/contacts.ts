import { readFileSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { Problem } from "./load.js";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const hours = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM-HH:MM");
const contactSchema = z.object({
  role: z.string().min(2),
  name: z.string().min(2),
  email: z.string().email().optional(),
  phone: z.string().optional(),
  team_channel: z.string().min(2).optional(),
  office_hours: z.partialRecord(z.enum(WEEKDAYS), hours).default({}),
});
/**
 * `name_key`: a locale key (locales/<lang>/translation.json) for a name that is a description
 * rather than a proper name ("Anderes Bundesland"): volunteers read it in their language; the
 * `name` stays for coordinators and logs.
 */
const nameKey = z.string().regex(/^[a-zA-Z]+(\.[a-zA-Z]+)+$/, "expected a locale key such as places.otherLand").optional();
const regionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(2),
  name_key: nameKey,
  kind: z.enum(["bezirk", "landkreis", "kreisfreie-stadt", "region"]),
  contact: contactSchema.optional(),
});
const landSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(2),
  name_key: nameKey,
  contact: contactSchema.optional(),
  regions: z.array(regionSchema).default([]),
});
const contactsSchema = z.object({ default: contactSchema, lands: z.array(landSchema).min(1) });

export type Contact = z.infer<typeof contactSchema>;
export type Region = z.infer<typeof regionSchema>;
export type Land = z.infer<typeof landSchema>;
export type Contacts = z.infer<typeof contactsSchema>;

export function loadContacts(knowledgeDir: string, problems: Problem[] = []): Contacts {
  const file = join(knowledgeDir, "contacts.yaml");
  const rel = relative(process.cwd(), file) || file;
  const empty: Contacts = { default: { role: "-", name: "-", office_hours: {} }, lands: [] };
  if (!existsSync(file)) {
    problems.push({ file: rel, field: "(file)", reason: "contacts.yaml not found", severity: "error" });
    return empty;
  }
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, "utf8"));
  } catch (error) {
    problems.push({ file: rel, field: "(file)", reason: `invalid YAML: ${(error as Error).message.split("\n")[0]}`, severity: "error" });
    return empty;
  }
  const parsed = contactsSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ file: rel, field: issue.path.join("."), reason: issue.message, severity: "error" });
    }
    return empty;
  }
  const seen = new Set<string>();
  for (const land of parsed.data.lands) {
    for (const id of [land.id, ...land.regions.map((r) => r.id)]) {
      if (seen.has(id)) problems.push({ file: rel, field: `lands.${land.id}`, reason: `region id "${id}" is used twice`, severity: "error" });
      seen.add(id);
    }
  }
  return parsed.data;
}
