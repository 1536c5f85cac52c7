import { randomBytes } from "node:crypto";
import pg from "pg";
import { createClient } from "redis";

/**
 * A storage space of its own on the shared Redis or PostgreSQL test server, for tests and
 * benchmarks that run real Lotse processes: Lotse has no key prefix setting, and other test
 * files clear data on the default database while they run, so sharing it would let runs
 * see (or wipe) each other's data.
 * - Redis: a numbered database (SELECT n), emptied before use and on drop.
 * - PostgreSQL: a fresh database, dropped afterwards.
 */
export interface IsolatedStore {
  /** The env var a Lotse process reads (REDIS_URL or DATABASE_URL) and its value. */
  env: { REDIS_URL: string } | { DATABASE_URL: string };
  drop(): Promise<void>;
}

/** `db` picks the Redis database number; use a different one per test file or benchmark. */
export async function isolatedRedis(baseUrl: string, db: number): Promise<IsolatedStore> {
  const url = new URL(baseUrl);
  url.pathname = `/${db}`;
  const flush = async () => {
    const client = createClient({ url: url.toString() });
    client.on("error", () => undefined);
    await client.connect();
    try {
      await client.flushDb();
    } finally {
      await client.close();
    }
  };
  await flush();
  return { env: { REDIS_URL: url.toString() }, drop: flush };
}

export async function isolatedPostgres(baseUrl: string): Promise<IsolatedStore> {
  const name = `lotse_run_${randomBytes(6).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { env: { DATABASE_URL: url.toString() }, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
