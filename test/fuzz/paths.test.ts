/**
 * Every path and query string, with every method: "..", %00, broken escapes, very long paths.
 * No 5xx, no crash. The set-up (one Lotse with every adapter against the local fakes) is in ./rig.ts.
 */
import { describe, it, vi } from "vitest";
import { pathRequest } from "./arbitraries/web.js";
import { expectNoServerError, expectStillHealthy, fuzz } from "./requests.js";
import { useFuzzRig } from "./rig.js";
import { itKeepsSecretsOutOfLogsAndAnswers } from "./secrets-check.js";

vi.mock("../../src/logger.js", async (original) => (await import("./capture.js")).capturingLogger(original));

useFuzzRig();

describe("malformed requests never cause a 5xx or a crash", () => {
  it("paths and query strings: 300 requests with '..', %00, broken escapes, very long paths, every method", async () => {
    await fuzz(pathRequest, expectNoServerError, { runs: 15, batch: 20 });
    await expectStillHealthy();
  }, 60_000);
});

itKeepsSecretsOutOfLogsAndAnswers();
