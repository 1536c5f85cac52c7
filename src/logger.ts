import pino, { type Logger } from "pino";

export type { Logger };

export interface LoggerOptions {
  level: string;
  format: "auto" | "pretty" | "json";
  /** 1 = stdout, 2 = stderr. CLI commands whose stdout is data log to stderr. */
  fd?: 1 | 2;
}

/**
 * Structured logs. Pretty when a person watches a terminal, JSON otherwise.
 * Rule of the house: message text and personal data are never logged at info level or above.
 */
export function createLogger({ level, format, fd = 1 }: LoggerOptions): Logger {
  const stream = fd === 2 ? process.stderr : process.stdout;
  const pretty = format === "pretty" || (format === "auto" && stream.isTTY === true);
  if (pretty) {
    return pino({
      level,
      transport: { target: "pino-pretty", options: { destination: fd, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" } },
    });
  }
  return pino({ level, base: undefined }, pino.destination({ fd, sync: false }));
}
