/**
 * A strict reader for the small HTML our renderers emit (Telegram's parse_mode "HTML", the
 * /kb pages): balanced tags, only &lt; &gt; &amp; &quot; as entities, no stray "<" or ">".
 * Returns the text a reader sees and the links, or throws where a strict parser would refuse.
 * Which tags and attributes are allowed is the caller's: `openTag` throws on anything else
 * and returns the (still escaped) href of a link, if any.
 */
export type OpenTagCheck = (name: string, attrs: string, raw: string) => string | undefined;

const TAG = /<(\/?)([a-z0-9]+)((?: [a-z]+(?:="[^"<>]*")?)*)>/y;

export function readHtml(html: string, openTag: OpenTagCheck): { text: string; hrefs: string[] } {
  const stack: string[] = [];
  const hrefs: string[] = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    const c = html[i]!;
    if (c === "<") {
      TAG.lastIndex = i;
      const tag = TAG.exec(html);
      if (!tag) throw new Error(`stray "<" at ${i}: ${JSON.stringify(html.slice(i, i + 30))}`);
      const [raw, closing, name, attrs] = tag as unknown as [string, string, string, string];
      if (closing) {
        if (attrs || stack.pop() !== name) throw new Error(`unbalanced </${name}> at ${i}`);
      } else {
        const href = openTag(name, attrs, raw);
        if (href !== undefined) hrefs.push(decodeEntities(href));
        stack.push(name);
      }
      i += raw.length;
    } else if (c === "&") {
      const entity = /^&(amp|lt|gt|quot);/.exec(html.slice(i, i + 6));
      if (!entity) throw new Error(`broken entity at ${i}: ${JSON.stringify(html.slice(i, i + 10))}`);
      text += decodeEntities(entity[0]);
      i += entity[0].length;
    } else if (c === ">") {
      throw new Error(`stray ">" at ${i}`);
    } else {
      text += c;
      i++;
    }
  }
  if (stack.length) throw new Error(`unclosed <${stack.join("><")}>`);
  return { text, hrefs };
}

export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"' })[e]!);
}
