/**
 * Reads "/command args" from plain text, for platforms without native commands (web, terminal).
 * "/start@LotseBot" (Telegram groups) loses its bot suffix.
 */
export function parseCommand(text: string): { command: string; args: string } | undefined {
  const match = /^\/([a-z_]{1,32})(?:@\w+)?(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (!match) return undefined;
  return { command: match[1]!.toLowerCase(), args: (match[2] ?? "").trim() };
}
