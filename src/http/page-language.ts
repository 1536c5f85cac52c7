import { isUiLanguage, type UiLanguage } from "../i18n/detect.js";

/**
 * The language of a public page: `?lang=` when it names an interface language, else the first
 * interface language the browser asks for (Accept-Language, by its q-values), else `fallback`.
 */
export function pageLanguage(query: string | undefined, acceptLanguage: string | undefined, fallback: UiLanguage): UiLanguage {
  if (isUiLanguage(query)) return query;
  return (preferredLanguage(acceptLanguage, (lang) => isUiLanguage(lang)) as UiLanguage | undefined) ?? fallback;
}

/** The browser's most wanted language (Accept-Language, by q-value, then order) that `offered` accepts. */
export function preferredLanguage(acceptLanguage: string | undefined, offered: (lang: string) => boolean): string | undefined {
  const wanted = (acceptLanguage ?? "")
    .slice(0, 1000) // a header is no place for an essay: the first entries decide
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((w) => w.q > 0 && offered(w.lang))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return wanted[0]?.lang;
}
