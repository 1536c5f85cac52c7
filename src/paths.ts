import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root (the folder holding package.json), found from this file whether it runs from src/ or dist/src/. */
function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "locales"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Lotse package root not found above ${start}`);
    dir = parent;
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const DEFAULT_KNOWLEDGE_DIR = join(ROOT, "knowledge");
/**
 * The search index and the trained classifiers: derived from the package's code and knowledge,
 * so kept with the package (where `npm install` builds them), whatever DATA_DIR an instance uses.
 */
export const DEFAULT_CACHE_DIR = join(ROOT, "data", "cache");
export const LOCALES_DIR = join(ROOT, "locales");
export const WEB_PUBLIC_DIR = join(ROOT, "src", "adapters", "web", "public");
