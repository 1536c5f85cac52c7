/**
 * A raw HTTP client for the fuzz files (paths go out byte for byte: fetch would resolve ".."),
 * the fast-check driver that sends generated requests in batches, and the checks on answers.
 */
import { request } from "node:http";
import fc from "fast-check";
import { expect } from "vitest";
import { signBody } from "../fakes/slack-api.js";
import { capturedLogs } from "./capture.js";
import { agent, crashes, leakedInResponses, port, secretIn, SLACK_PATH, SLACK_SIGNING_SECRET } from "./rig.js";

export interface Req {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Over the endpoint's size limit: the server answers 413 without reading the body and closes the connection, which may reset the upload first. */
  oversized?: boolean;
}
export interface Answer {
  status: number;
  body: string;
}

export function send(req: Req): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) headers["content-length"] = Buffer.byteLength(req.body);
    const outgoing = request({ host: "127.0.0.1", port, method: req.method, path: req.path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const secret = secretIn(body);
        if (secret) leakedInResponses.push(`${req.method} ${req.path.slice(0, 80)} answered with a secret at ${body.indexOf(secret)}`);
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    outgoing.on("error", (error) => (req.oversized ? resolve({ status: 0, body: "" }) : reject(new Error(`${summary(req)}: ${error.message}${outgoing.reusedSocket ? " (on a reused keep-alive connection)" : ""}`))));
    outgoing.setTimeout(20_000, () => outgoing.destroy(new Error("no answer within 20 s")));
    outgoing.end(req.body);
  });
}

/** A request in a line: long runs of one character are counted, not repeated. */
export function summary(req: Req): string {
  const raw = req.body === undefined ? "" : typeof req.body === "string" ? req.body : Buffer.from(req.body).toString("hex");
  const body = raw.replace(/(.)\1{19,}/gsu, (run, char: string) => `${char}{×${run.length}}`);
  return `${req.method} ${req.path.slice(0, 120)} [${req.headers?.["content-type"] ?? "no content-type"}] ${body.slice(0, 1000)}${body.length > 1000 ? `… (${raw.length} characters)` : ""}`;
}

/**
 * Sends `batch` generated requests at a time (concurrently: Bolt answers an unacknowledged
 * Slack request only after 3 s) and checks each answer; a failure names the request and the seed.
 */
export async function fuzz(arbitrary: fc.Arbitrary<Req>, check: (answer: Answer, req: Req) => void, options: { runs: number; batch: number; around?: (run: () => Promise<void>) => Promise<void> }) {
  await fc.assert(
    fc.asyncProperty(fc.array(arbitrary, { minLength: options.batch, maxLength: options.batch }), async (reqs) => {
      const run = async () => {
        const answers = await Promise.all(reqs.map(send));
        answers.forEach((answer, i) => check(answer, reqs[i]!));
      };
      await (options.around ? options.around(run) : run());
    }),
    {
      numRuns: options.runs,
      // To replay a failure: FUZZ_SEED=<seed> FUZZ_PATH=<path> npx vitest run test/fuzz/<file> -t "<test>"
      ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH } : {}),
      // The failing request is named in the error; shrinking a batch (Slack waits 3 s) would only cost time.
      endOnFailure: true,
      reporter: (details) => {
        if (details.failed) throw new Error(`${String((details.errorInstance as Error | undefined)?.message ?? "property failed")}\n(fast-check seed ${details.seed}, path ${details.counterexamplePath})`);
      },
    },
  );
}

export function expectNoServerError(answer: Answer, req: Req): void {
  if (answer.status < 500) return;
  const lastError = capturedLogs.filter((line) => line.includes('"level":50')).at(-1) ?? "no error logged";
  throw new Error(`${answer.status} for ${summary(req)} -> ${answer.body.slice(0, 200)}\nlast error logged: ${lastError.slice(0, 600)}`);
}

export async function expectStillHealthy(): Promise<void> {
  expect((await send({ method: "GET", path: "/healthz" })).status).toBe(200);
  expect(crashes).toEqual([]);
}

// ---- Telegram: the webhook's headers and hand-written updates ----

export const webhookHeaders = (secret?: string, type = "application/json"): Record<string, string> => ({ "content-type": type, ...(secret !== undefined ? { "x-telegram-bot-api-secret-token": secret } : {}) });
export const tgUpdateJson = (id: number, fields: Record<string, unknown>) => JSON.stringify({ update_id: id, ...fields });
export const tgPrivateChat = (id: number) => ({ id, type: "private", first_name: "T" });
export const tgFrom = (id: number) => ({ id, is_bot: false, first_name: "T", language_code: "de" });

// ---- Slack: requests signed with the signing secret ----

export const now = () => Math.floor(Date.now() / 1000);
export const signedSlack = (body: string | Uint8Array, type: string, timestamp = now()): Req => ({
  method: "POST",
  path: SLACK_PATH,
  body,
  headers: { "content-type": type, ...signBody(SLACK_SIGNING_SECRET, typeof body === "string" ? body : Buffer.from(body).toString("utf8"), timestamp) },
});
