/**
 * Which meetings concern a volunteer, from the region ids in contacts.yaml (a Land and its
 * Bezirke/Landkreise) and the region ids a meeting names in events.yaml.
 *
 * A meeting that names districts of a Land is held for those districts, even when it names the
 * Land too (so that the Land's channel announces it): "Jour fixe Berlin-Nord" for Pankow and
 * Reinickendorf does not concern a volunteer in Neukölln. A meeting that names a Land and none of
 * its districts is for the whole Land. Someone who chose a whole Land (or "don't know") is shown
 * every meeting held in it.
 */

/** The part of contacts.yaml this needs: Länder and their districts' ids. */
export interface RegionTree {
  id: string;
  regions: { id: string }[];
}

/**
 * The places someone is in, from the region ids of a profile or a subscription: a Land that
 * comes with one of its districts stands for that district's surroundings, not the whole Land.
 */
function homesOf(regions: string[], lands: RegionTree[]): string[] {
  return regions.filter((id) => {
    const land = lands.find((l) => l.id === id);
    return !land || !land.regions.some((r) => regions.includes(r.id));
  });
}

/** Whether a meeting naming `eventRegions` concerns someone in `regions` (their district and Land, or a whole Land). */
export function concerns(eventRegions: string[], regions: string[], lands: RegionTree[]): boolean {
  for (const home of homesOf(regions, lands)) {
    if (eventRegions.includes(home)) return true;
    const land = lands.find((l) => l.id === home);
    // A whole Land: also every meeting held in one of its districts.
    if (land) {
      if (land.regions.some((r) => eventRegions.includes(r.id))) return true;
      continue;
    }
    // A district: also the meetings of its whole Land, unless they are narrowed to other districts of it.
    const landOfHome = lands.find((l) => l.regions.some((r) => r.id === home));
    if (landOfHome && eventRegions.includes(landOfHome.id) && !landOfHome.regions.some((r) => eventRegions.includes(r.id))) return true;
  }
  return false;
}

/**
 * The regions to subscribe to for one meeting: the districts it is held for, else the Länder it
 * names (a subscription to a Land it names alongside its districts would bring all of that Land).
 */
export function regionsOfMeeting(eventRegions: string[], lands: RegionTree[]): string[] {
  return homesOf(eventRegions, lands);
}

/**
 * Whether a personal subscription (its regions and types; empty: all) brings a meeting's reminders.
 * Without the region tree, region ids are compared as they are (a Land matches meetings naming it).
 */
export function subscriptionCovers(sub: { regions: string[]; types: string[] }, event: { regions: string[]; type: string }, lands?: RegionTree[]): boolean {
  const regionMatch = sub.regions.length === 0 || (lands ? concerns(event.regions, sub.regions, lands) : event.regions.some((r) => sub.regions.includes(r)));
  return regionMatch && (sub.types.length === 0 || sub.types.includes(event.type));
}
