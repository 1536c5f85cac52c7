import { createI18n } from "../../../src/i18n/i18n.js";
import type { Translate } from "../../../src/i18n/i18n.js";

let t: Translate | undefined;
/** The locales' translate function, loaded once per test file (senders take it for their few own words). */
export function translate(): Translate {
  t ??= createI18n().t;
  return t;
}
