import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/message.js";
import { WEB_PUBLIC_DIR } from "../../src/paths.js";
import { placement, replyWith, TRUSTED_HREF, userText } from "./arbitraries.js";

/**
 * The web chat page (public/app.js) builds the DOM itself from the JSON replies. Here it runs
 * against a small recording DOM: user text must only ever become text nodes, never markup,
 * attributes or links. (test/e2e/web.e2e.test.ts does the same in a real Chromium.)
 */

const APP_JS = readFileSync(join(WEB_PUBLIC_DIR, "app.js"), "utf8");

const TAGS = new Set(["li", "h2", "p", "ul", "details", "summary", "a", "strong", "div", "button", "option", "span"]);
const ATTRIBUTES = new Set(["class", "dir", "lang", "href", "target", "rel", "type", "data-button", "value", "aria-label", "aria-hidden", "tabindex"]);

class FakeText {
  constructor(readonly data: string) {}
}

/** An element that records what the page does with it and refuses every HTML-parsing API. */
class FakeElement {
  readonly children: (FakeElement | FakeText)[] = [];
  readonly attributes = new Map<string, string>();
  readonly listeners = new Map<string, (event: unknown) => unknown>();
  className = "";
  value = "";
  placeholder = "";
  disabled = false;
  hidden = false;
  scrollTop = 0;
  scrollHeight = 0;
  private text = "";
  readonly classList = {
    add: (name: string) => void (this.className = [...new Set([...this.className.split(" ").filter(Boolean), name])].join(" ")),
    remove: (name: string) => void (this.className = this.className.split(" ").filter((c) => c && c !== name).join(" ")),
  };
  constructor(
    readonly tagName: string,
    private readonly violations: string[],
  ) {}
  set innerHTML(_html: string) {
    this.violations.push(`innerHTML set on <${this.tagName}>`);
  }
  set outerHTML(_html: string) {
    this.violations.push(`outerHTML set on <${this.tagName}>`);
  }
  insertAdjacentHTML(): void {
    this.violations.push(`insertAdjacentHTML on <${this.tagName}>`);
  }
  set textContent(text: string) {
    this.children.length = 0;
    this.text = String(text);
  }
  get textContent(): string {
    return this.text;
  }
  setAttribute(name: string, value: string): void {
    if (!ATTRIBUTES.has(name)) this.violations.push(`attribute ${name} on <${this.tagName}>`);
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  append(...nodes: (FakeElement | FakeText | string)[]): void {
    for (const node of nodes) this.children.push(typeof node === "string" ? new FakeText(node) : node);
  }
  replaceChildren(...nodes: (FakeElement | FakeText)[]): void {
    this.children.length = 0;
    this.append(...nodes);
  }
  addEventListener(type: string, listener: (event: unknown) => unknown): void {
    this.listeners.set(type, listener);
  }
  querySelectorAll(): FakeElement[] {
    return [];
  }
  get childElementCount(): number {
    return this.children.filter((child) => child instanceof FakeElement).length;
  }
  getBoundingClientRect() {
    return { top: 0, bottom: 0, left: 0, right: 0, width: 0, height: 0 };
  }
  focus(): void {}
  blur(): void {}
  requestSubmit(): void {
    void this.listeners.get("submit")?.({ preventDefault: () => undefined });
  }
}

/** Runs app.js with a fake DOM and a fake server that answers with `replies`. */
async function runPage(replies: Reply[], typed: string, strings: Record<string, string>) {
  const violations: string[] = [];
  const ids = new Map<string, FakeElement>();
  const byId = (id: string) => ids.get(id) ?? ids.set(id, new FakeElement(id === "messages" ? "ol" : "div", violations)).get(id)!;
  const document = {
    getElementById: byId,
    createElement: (tag: string) => {
      if (!TAGS.has(tag)) violations.push(`created <${tag}>`);
      return new FakeElement(tag, violations);
    },
    createTextNode: (data: string) => new FakeText(data),
    querySelector: () => byId("main"),
    documentElement: { lang: "", dir: "" },
    activeElement: null,
    title: "",
    write: () => violations.push("document.write"),
  };
  let seq = 0;
  const pending: Promise<unknown>[] = [];
  const respond = (body: unknown) => Promise.resolve({ ok: true, statusText: "OK", json: async () => body });
  const fetch = (url: string, init?: { body?: string }) => {
    let answer: Promise<unknown>;
    if (url.startsWith("/api/i18n/")) answer = respond({ lang: "de", dir: "ltr", strings, languages: [{ code: "de", name: strings.language ?? "Deutsch" }] });
    else if (init?.body) answer = respond({ messages: replies.map((reply) => ({ seq: ++seq, reply })) });
    else answer = respond({ messages: [], profile: { lang: "de" } });
    pending.push(answer);
    return answer;
  };
  const matchMedia = () => ({ matches: false });
  runInNewContext(APP_JS, { document, fetch, navigator: { language: "de-DE" }, setInterval: () => 0, console, crypto: globalThis.crypto, matchMedia });
  // Let the page's start-up (two fetches) and the first "/start" exchange run to the end.
  const settle = async () => {
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  await settle();
  const input = byId("input");
  input.value = typed;
  byId("composer").listeners.get("submit")!({ preventDefault: () => undefined });
  await settle();
  return { violations, list: byId("messages"), byId };
}

function textNodes(node: FakeElement | FakeText, out: string[] = []): string[] {
  if (node instanceof FakeText) out.push(node.data);
  else {
    if (node.textContent) out.push(node.textContent);
    for (const child of node.children) textNodes(child, out);
  }
  return out;
}

function elements(node: FakeElement | FakeText, out: FakeElement[] = []): FakeElement[] {
  if (node instanceof FakeElement) {
    out.push(node);
    for (const child of node.children) elements(child, out);
  }
  return out;
}

describe("web chat page: user text only ever becomes text nodes", () => {
  it("uses no HTML-parsing DOM API or string-evaluating call at all", () => {
    expect(APP_JS).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\s*\(|new Function|DOMParser|createContextualFragment|srcdoc/);
  });

  it("renders replies carrying any user text, and the user's own message, as literal text", async () => {
    await fc.assert(
      fc.asyncProperty(userText, placement, userText, async (text, where, typed) => {
        fc.pre(typed.trim().length > 0);
        const reply = replyWith(text, where);
        const { violations, list } = await runPage([reply], typed, { sources: text, offline: "offline", language: "Deutsch" });
        expect(violations).toEqual([]);
        const items = list.children as FakeElement[];
        // "/start" answered with the reply, then the typed message and its answer.
        expect(items.map((item) => item.className)).toEqual(["msg bot", "msg me", "msg bot"]);
        expect(textNodes(items[1]!)).toEqual([typed.trim()]);
        const shown = textNodes(items[2]!);
        expect(shown).toContain(text);
        for (const element of elements(list)) {
          expect(TAGS.has(element.tagName) || element.tagName === "ol").toBe(true);
          const href = element.attributes.get("href");
          // Links come from the reply's links and linked spans, never from its text.
          if (href !== undefined) expect(href).toBe(TRUSTED_HREF);
        }
      }),
      { numRuns: 150 },
    );
  });
});
