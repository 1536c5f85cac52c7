/**
 * Text too long for one message or block, as pieces of at most `max` characters (one more when a
 * piece ends in the space it was cut after): cut after the last space when that space lies past
 * `spaceAfter` of the piece, else at `max`; never between the halves of an emoji, and never inside
 * what `dangling` matches at a piece's end (an HTML entity, say). Every character stays.
 */
export function splitText(text: string, max: number, options: { spaceAfter?: number; dangling?: RegExp } = {}): string[] {
  const { spaceAfter = 0.5, dangling } = options;
  const pieces: string[] = [];
  let left = text;
  while (left.length > max) {
    const space = left.lastIndexOf(" ", max);
    let at = space > max * spaceAfter ? space + 1 : max;
    const open = dangling?.exec(left.slice(0, at));
    if (open) at = open.index;
    if (/[\ud800-\udbff]/.test(left[at - 1] ?? "")) at--;
    pieces.push(left.slice(0, at));
    left = left.slice(at);
  }
  pieces.push(left);
  return pieces;
}
