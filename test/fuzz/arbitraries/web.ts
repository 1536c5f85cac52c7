/** Generators for the web side: chat messages to POST /api/messages, and any path and query string. */
import fc from "fast-check";
import type { Req } from "../requests.js";
import { WEB_BODY_LIMIT } from "../rig.js";
import { anyJson, contentType, headerText, malformedBody, unicodeText } from "./common.js";

// Web chat: near misses of {text} | {button}, with or without a session cookie and language.
const webMessage = fc.oneof(
  { weight: 6, arbitrary: malformedBody },
  { weight: 2, arbitrary: fc.record({ text: fc.oneof(fc.string(), unicodeText, anyJson), button: fc.oneof(fc.string({ maxLength: 80 }), anyJson), after: fc.oneof(fc.integer(), fc.double(), anyJson) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.constantFrom('{"text":"/start"}', '{"text":"/region ../../etc"}', '{"text":"/language xx"}', '{"button":"b1"}', '{"button":"../../x"}', '{"text":"Kita","after":1e308}', '{"text":"a","extra":1}') },
);
export const webRequest: fc.Arbitrary<Req> = fc
  .record({
    body: webMessage,
    contentType,
    cookie: fc.option(fc.oneof(headerText(80).map((v) => `lotse_sid=${v}`), headerText(120)), { nil: undefined }),
    language: fc.option(headerText(20), { nil: undefined }),
  })
  .map(({ body, contentType: type, cookie, language }) => ({
    method: "POST",
    path: "/api/messages",
    body,
    oversized: Buffer.byteLength(body) > WEB_BODY_LIMIT,
    headers: { "content-type": type, ...(cookie !== undefined ? { cookie } : {}), ...(language !== undefined ? { "accept-language": language } : {}) },
  }));

// Paths and query strings: "..", NUL bytes, broken escapes, very long segments, every method.
const segment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("..", ".", "%2e%2e", "%2E%2E%2F", "%00", "%", "%zz", "%ff", "%c0%ae", "", "kb", "events", "api", "messages", "i18n", "healthz", "metrics", "slack", "telegram", "webhook", "events.ics", "berlin.ics", "index.html", "app.js", "~", ";", "\\", "%5c", "kita", "de", "../../../etc/passwd") },
  { weight: 2, arbitrary: fc.webSegment() },
  { weight: 2, arbitrary: unicodeText.map((s) => encodeURIComponent(s.slice(0, 30))) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => "a".repeat(n)) },
);
const query = fc.oneof(
  fc.constant(""),
  fc.tuple(fc.constantFrom("lang", "after", "region", "x", "lang[]"), segment).map(([k, v]) => `?${k}=${v}`),
  fc.constantFrom("?lang=../../etc/passwd", "?after=-1", "?after=1e309", "?after=0x10", "?lang=%00", "?&&==&", "?lang=de&lang=en", "?after=99999999999999999999"),
);
export const pathRequest: fc.Arbitrary<Req> = fc
  .record({
    method: fc.constantFrom("GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"),
    path: fc.oneof(
      fc.array(segment, { minLength: 1, maxLength: 6 }).map((s) => `/${s.join("/")}`),
      fc.constantFrom("/healthz", "/readyz", "/metrics", "/events.ics", "/", "/app.js", "/style.css", "/api/messages", "//healthz", "/healthz/..", "/kb/", "/events/.ics"),
      segment.map((s) => `/events/${s}.ics`),
      segment.map((s) => `/kb/${s}`),
      segment.map((s) => `/api/i18n/${s}`),
    ),
    query,
  })
  .map(({ method, path, query: q }) => ({ method, path: path + q }));
