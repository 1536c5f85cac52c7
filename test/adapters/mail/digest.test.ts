import { afterEach, describe, expect, it } from "vitest";
import { mailDigest, registerMail } from "../../../src/adapters/mail/adapter.js";
import { PermanentDeliveryError } from "../../../src/core/outbox/outbox.js";
import { ManualClock } from "../../../src/core/clock.js";
import { translateSmtpError } from "../../../src/adapters/mail/transport.js";
import { address, testLotse } from "../../helpers.js";
import { startSmtp, type TestSmtp } from "./smtp.js";

const HOUR = 3_600_000;
let server: TestSmtp | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** 07:30 Berlin time (CET): half an hour before the default DESK_DIGEST_HOUR of 8. */
const BEFORE_DIGEST = new Date("2026-11-17T06:30:00Z");

async function setup() {
  server = await startSmtp();
  const clock = new ManualClock(BEFORE_DIGEST);
  const env = { SMTP_URL: `smtp://127.0.0.1:${server.port}`, PUBLIC_URL: "https://lotse.example.org" };
  const { lotse } = await testLotse({ clock, env, manualDelivery: true });
  registerMail(lotse);
  const ticket = (region: string) => lotse.tickets.create({ question: "Frage zum Jobcenter", topic: null, region, lang: "de", origin: address("v1"), priority: "normal" });
  // Tickets first, accounts after: the digest alone is under test, not the notices of new tickets.
  const mitte = await ticket("berlin-mitte");
  const taken = await ticket("berlin-mitte");
  await lotse.tickets.transition(taken.id, "claimed", "desk:x", { claimedBy: "desk:x" });
  const nuernberg = await ticket("bayern-nuernberg");
  await lotse.accounts.create({ name: "Anna", regions: ["berlin"], email: "anna@example.org" }, HOUR);
  await lotse.accounts.create({ name: "Bernd", regions: ["bayern-nuernberg"], email: "bernd@example.org" }, HOUR);
  await lotse.accounts.create({ name: "Clara", regions: ["niedersachsen-region-hannover"], email: "clara@example.org" }, HOUR); // nothing open: no digest
  await lotse.accounts.create({ name: "Dora", regions: ["all"] }, HOUR); // no e-mail
  return { lotse, clock, env, mitte, taken, nuernberg, received: server.received };
}

describe("mail digest", () => {
  it("sends each account one digest of its unclaimed tickets from the digest hour on, once a day", async () => {
    const { lotse, clock, mitte, taken, nuernberg, received } = await setup();
    expect(await mailDigest(lotse)).toBe(0); // before the hour
    clock.advance(40 * 60_000); // 08:10
    expect(await mailDigest(lotse)).toBe(2);
    await lotse.outbox.flush();
    expect(received.map((m) => m.to[0]).sort()).toEqual(["anna@example.org", "bernd@example.org"]);
    const anna = received.find((m) => m.to[0] === "anna@example.org")!;
    expect(anna.subject).toBe("Lotse: 1 offene Anfrage");
    expect(anna.text).toContain(`${mitte.id} · Mitte · wartet seit 40 Minuten`);
    expect(anna.text).toContain(`https://lotse.example.org/desk#ticket=${mitte.id}`);
    expect(anna.text).not.toContain(taken.id); // claimed: not in the digest
    expect(anna.text).not.toContain("Jobcenter");
    expect(received.find((m) => m.to[0] === "bernd@example.org")!.text).toContain(nuernberg.id);

    // Later the same day (another housekeeping pass, a restart): nothing more.
    clock.advance(10 * 60_000);
    expect(await mailDigest(lotse)).toBe(0);
    clock.advance(8 * HOUR);
    expect(await mailDigest(lotse)).toBe(0);
    await lotse.outbox.flush();
    expect(received).toHaveLength(2);

    // The next day's digest, with the waiting time grown.
    clock.set(new Date("2026-11-18T07:05:00Z"));
    expect(await mailDigest(lotse)).toBe(2);
    await lotse.outbox.flush();
    expect(received).toHaveLength(4);
    expect(received[2]!.text + received[3]!.text).toContain(`${mitte.id} · Mitte · wartet seit 24 Stunden`);
    await lotse.close(0);
  });

  it("sends one digest per account when two instances run it at the same time", async () => {
    const { lotse, clock, env, received } = await setup();
    const { lotse: other } = await testLotse({ clock, env, store: lotse.store, manualDelivery: true });
    registerMail(other);
    clock.set(new Date("2026-11-17T07:00:00Z")); // 08:00 sharp
    const counts = await Promise.all([mailDigest(lotse), mailDigest(other), mailDigest(lotse)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2);
    await Promise.all([lotse.outbox.flush(), other.outbox.flush()]);
    expect(received.map((m) => m.to[0]).sort()).toEqual(["anna@example.org", "bernd@example.org"]);
    await other.outbox.stop(0);
    await lotse.close(0);
  });

  it("respects DESK_DIGEST_HOUR in Berlin time (summer time too)", async () => {
    server = await startSmtp();
    const clock = new ManualClock(new Date("2026-07-01T04:30:00Z")); // 06:30 CEST
    const { lotse } = await testLotse({ clock, env: { SMTP_URL: `smtp://127.0.0.1:${server.port}`, DESK_DIGEST_HOUR: "7" }, manualDelivery: true });
    registerMail(lotse);
    await lotse.tickets.create({ question: "x", topic: null, region: null, lang: "de", origin: address("v2"), priority: "normal" });
    await lotse.accounts.create({ name: "Dora", regions: ["all"], email: "dora@example.org" }, HOUR);
    expect(await mailDigest(lotse)).toBe(0);
    clock.advance(30 * 60_000); // 07:00 CEST
    expect(await mailDigest(lotse)).toBe(1);
    await lotse.outbox.flush();
    expect(server.received[0]!.text).toContain("ohne Region");
    await lotse.close(0);
  });
});

describe("SMTP errors", () => {
  it("gives up on 5xx, retries 4xx, connection and login errors, and names no address", () => {
    const refused = translateSmtpError(Object.assign(new Error("Recipient command failed: 550 5.1.1 <anna@example.org>: unknown"), { code: "EENVELOPE", responseCode: 550 }));
    expect(refused).toBeInstanceOf(PermanentDeliveryError);
    expect(refused.message).not.toContain("anna@example.org");
    expect(translateSmtpError(Object.assign(new Error("greylisted"), { code: "EENVELOPE", responseCode: 451 }))).not.toBeInstanceOf(PermanentDeliveryError);
    expect(translateSmtpError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ESOCKET" }))).not.toBeInstanceOf(PermanentDeliveryError);
    expect(translateSmtpError(Object.assign(new Error("Invalid login"), { code: "EAUTH", responseCode: 535 }))).not.toBeInstanceOf(PermanentDeliveryError);
  });
});
