import type { Finding, FindingKind } from "./shared.js";

// Special categories rank before names: a lexicon term is surer than a name guess.
const PRIORITY: Record<FindingKind, number> = {
  email: 0, iban: 1, fileNumber: 2, birthdate: 3, phone: 4, address: 5,
  health: 6, religion: 6, ethnicity: 6, sexuality: 6, politics: 6, union: 6, name: 7,
};

/**
 * Turns candidates into sorted, non-overlapping findings. Candidates are taken by kind priority
 * (an e-mail address beats the name inside it, an IBAN the phone-like digit groups inside it),
 * longer first; a later candidate keeps only the parts not yet covered, so every character any
 * detector flagged stays redacted.
 */
export function resolveOverlaps(text: string, candidates: Finding[]): Finding[] {
  const ordered = [...candidates].sort(
    (a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  // Accepted findings never overlap, so sorted by start they are sorted by end as well.
  const accepted: Finding[] = [];
  for (const candidate of ordered) {
    let at = firstEndingAfter(accepted, candidate.start);
    let start = candidate.start;
    const pieces: Finding[] = [];
    for (; at < accepted.length && accepted[at]!.start < candidate.end; at++) {
      if (accepted[at]!.start > start) pieces.push({ ...candidate, start, end: accepted[at]!.start });
      start = Math.max(start, accepted[at]!.end);
    }
    if (start < candidate.end) pieces.push({ ...candidate, start });
    for (const piece of pieces) {
      const trimmed = trimPiece(text, piece, candidate);
      if (trimmed) accepted.splice(firstEndingAfter(accepted, trimmed.start), 0, trimmed);
    }
  }
  return accepted;
}

/** Index of the first finding in `sorted` that ends after `position`. */
function firstEndingAfter(sorted: Finding[], position: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]!.end <= position) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A cut-off piece loses the spaces and punctuation at its cut edges, and is dropped if nothing is left. */
function trimPiece(text: string, piece: Finding, whole: Finding): Finding | undefined {
  let { start, end } = piece;
  if (start !== whole.start) while (start < end && !/[\p{L}\p{N}]/u.test(text[start]!)) start++;
  if (end !== whole.end) while (end > start && !/[\p{L}\p{N}]/u.test(text[end - 1]!)) end--;
  return /[\p{L}\p{N}]/u.test(text.slice(start, end)) ? { ...piece, start, end } : undefined;
}
