import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";

/**
 * Reads `.env` from the working directory into `env`, for `npm start` and the `lotse` command:
 * the operator's settings without exporting them. Real environment variables win over the file
 * (a deployment's secrets manager, `FOO=1 npm start`), so the order is: environment, then `.env`,
 * then the defaults in config.ts. Returns the names taken from the file (never their values).
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env, file = join(process.cwd(), ".env")): string[] {
  if (!existsSync(file)) return [];
  const taken: string[] = [];
  for (const [key, value] of Object.entries(parseEnv(readFileSync(file, "utf8")))) {
    if (env[key] !== undefined) continue;
    env[key] = value;
    taken.push(key);
  }
  return taken;
}
