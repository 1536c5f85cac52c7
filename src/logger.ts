import pino, { type Logger } from "pino";

export type { Logger };

export interface LoggerOptions {
  level: string;
  format: "auto" | "pretty" | "json";
  /** 1 = stdout, 2 = stderr. CLI commands whose stdout is data log to stderr. */
  fd?: 1 | 2;
  /** Where NODE_ENV and CI are read from (tests pass their own). */
  env?: NodeJS.ProcessEnv;
}

/**
 * "auto" is pretty only when a person is likely watching: the stream is a terminal, and this is
 * neither a production start nor CI (their logs are collected and parsed, so they stay JSON
 * even when a terminal happens to be attached). "pretty" and "json" are taken as said.
 */
export function wantsPretty(format: LoggerOptions["format"], isTTY: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (format !== "auto") return format === "pretty";
  const ci = env.CI !== undefined && env.CI !== "" && env.CI !== "false" && env.CI !== "0";
  return isTTY && env.NODE_ENV !== "production" && !ci;
}

/**
 * Structured logs. Pretty when a person watches a terminal, JSON otherwise.
 * Rule of the house: message text and personal data are never logged at info level or above.
 */
export function createLogger({ level, format, fd = 1, env = process.env }: LoggerOptions): Logger {
  const stream = fd === 2 ? process.stderr : process.stdout;
  if (wantsPretty(format, stream.isTTY === true, env)) {
    return pino({
      level,
      transport: { target: "pino-pretty", options: { destination: fd, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" } },
    });
  }
  return pino({ level, base: undefined }, pino.destination({ fd, sync: false }));
}
