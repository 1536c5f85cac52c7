/**
 * The last test of every fuzz file: from start-up through every request of that file, no token or
 * secret reached a log line (Lotse's own logs and the console) or an answer.
 */
import { describe, expect, it } from "vitest";
import { capturedLogs } from "./capture.js";
import { send, type Req } from "./requests.js";
import { leakedInResponses, SECRETS } from "./rig.js";

/** Registers the check; call it after the file's other tests. `nearMisses` are bad requests carrying near-misses of the file's own secrets, sent first. */
export function itKeepsSecretsOutOfLogsAndAnswers(nearMisses: () => Req[] = () => []): void {
  describe("secrets stay out of logs and answers", () => {
    it("logs at trace level from start-up through every request of this file hold no token or secret", async () => {
      for (const req of nearMisses()) await send(req);

      const logs = capturedLogs.join("");
      // The logger did see start-up and all three adapters: the capture works in this file.
      expect(logs).toContain("Lotse is ready");
      expect(logs).toContain("telegram adapter ready");
      expect(logs).toContain("slack adapter ready");
      expect(logs).toContain("discord adapter ready");
      const leaks = SECRETS.filter((s) => logs.includes(s)).map((s) => `${s} in: ${capturedLogs.find((line) => line.includes(s))!.slice(0, 300)}`);
      expect(leaks).toEqual([]);
      expect(leakedInResponses).toEqual([]);
    }, 60_000);
  });
}
