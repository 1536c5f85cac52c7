/**
 * Every line a Lotse started by a fuzz file writes, at the level it was started with.
 * vitest hoists vi.mock only in test files, so each fuzz file mocks src/logger.js itself, with
 * one line that takes its factory from here:
 *   vi.mock("../../src/logger.js", async (original) => (await import("./capture.js")).capturingLogger(original));
 * The dynamic import loads this module, the one the rig imports: both see the same `capturedLogs`.
 */
import { Writable } from "node:stream";
import pino from "pino";
import { vi } from "vitest";
import type * as LoggerModule from "../../src/logger.js";

export const capturedLogs: string[] = [];

/** src/logger.js with createLogger writing JSON lines into `capturedLogs` instead of stdout. */
export async function capturingLogger(importOriginal: <T>() => Promise<T>): Promise<typeof LoggerModule> {
  const original = await importOriginal<typeof LoggerModule>();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      capturedLogs.push(chunk.toString());
      done();
    },
  });
  return { ...original, createLogger: ({ level }) => pino({ level, base: undefined }, sink) };
}

// Libraries that log on their own (Bolt's ConsoleLogger) write to the console: captured as well.
for (const level of ["log", "info", "warn", "error", "debug", "trace"] as const) {
  vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void capturedLogs.push(`${args.map(String).join(" ")}\n`));
}
