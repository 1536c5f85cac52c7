/**
 * Slack mrkdwn escaping: &, < and > are the only control characters, so escaping them turns
 * <!channel>, <!here>, <@U123> and <https://x|text> in user text into harmless literal text.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Text for a Block Kit section: escaped and cut to Slack's 3,000-character limit. */
export function sectionText(text: string, max = 2900): string {
  const escaped = escapeMrkdwn(text);
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}
