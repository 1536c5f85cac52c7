import { afterEach } from "vitest";

/**
 * Shared by the privacy e2e tests of the chat adapters (Discord, Slack).
 */

/** Values an operator would configure; the privacy notices must show these, not the defaults. */
export const OPERATOR_ENV = {
  OPERATOR_NAME: "Willkommensnetz Musterstadt e. V.",
  OPERATOR_CONTACT: "datenschutz@willkommensnetz.example.org",
  TICKET_RETENTION_DAYS: "120",
};

/**
 * Registers an afterEach hook and returns a function that adds teardown steps to it. The steps
 * run after every test, last added first, also when the test failed half-way.
 */
export function cleanupsAfterEach(): (step: () => Promise<void>) => void {
  const steps: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (steps.length) await steps.pop()!();
  });
  return (step) => void steps.push(step);
}
