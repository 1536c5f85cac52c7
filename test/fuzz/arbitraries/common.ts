/** Generators every endpoint is fuzzed with: header text, content types, broken and odd bodies. */
import fc from "fast-check";
import { FORM } from "../rig.js";

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
/** Text a header value may carry. */
export const headerText = (maxLength: number) => fc.string({ unit: printable, maxLength });
export const anyJson = fc.jsonValue({ maxDepth: 2 });

export const contentType = fc.oneof(
  { weight: 4, arbitrary: fc.constant("application/json") },
  { weight: 2, arbitrary: fc.constantFrom("application/json; charset=utf-8", "APPLICATION/JSON", "application/jsonp", "text/plain", FORM, `${FORM}; charset=utf-8`, "multipart/form-data; boundary=x", "application/xml", "*/*", "") },
  { weight: 1, arbitrary: headerText(60) },
);

export const jsonText = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v));
export const truncatedJson = fc.tuple(fc.jsonValue({ maxDepth: 4 }), fc.double({ min: 0, max: 1, noNaN: true })).map(([v, cut]) => {
  const text = JSON.stringify(v);
  return text.slice(0, Math.floor(text.length * cut));
});
const deeplyNested = fc.tuple(fc.integer({ min: 100, max: 50_000 }), fc.constantFrom("[", '{"a":', '{"text":', '{"message":')).map(([depth, open]) => `${open.repeat(depth)}1${(open === "[" ? "]" : "}").repeat(depth)}`);
const hugeString = fc.tuple(fc.integer({ min: 10_000, max: 600_000 }), fc.constantFrom("x", "ä", "😀", "\u202e", "\u0000", "<script>")).map(([n, c]) => JSON.stringify({ text: c.repeat(Math.ceil(n / c.length)) }));
export const unicodeText = fc.string({ unit: "binary", maxLength: 400 });
const randomBytes = fc.uint8Array({ maxLength: 2048 });

/** Bodies that no endpoint should take: broken bytes, broken JSON, JSON of the wrong shape. */
export const malformedBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  { weight: 3, arbitrary: randomBytes },
  { weight: 3, arbitrary: truncatedJson },
  { weight: 3, arbitrary: jsonText },
  { weight: 1, arbitrary: deeplyNested },
  { weight: 1, arbitrary: hugeString },
  { weight: 2, arbitrary: unicodeText },
  { weight: 1, arbitrary: fc.constantFrom("", "null", "[]", "0", '"text"', "{}", '{"__proto__":{"text":"x"}}', '{"constructor":{"prototype":{}}}', "\u0000", "\ufeff{}") },
);
