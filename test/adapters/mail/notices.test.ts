import { afterEach, describe, expect, it } from "vitest";
import { registerMail } from "../../../src/adapters/mail/adapter.js";
import { MailFront } from "../../../src/adapters/mail/notices.js";
import { mailInvite } from "../../../src/adapters/mail/invite.js";
import type { Lotse } from "../../../src/app.js";
import { ManualClock } from "../../../src/core/clock.js";
import { address, silentLogger, testConfig, testLotse } from "../../helpers.js";
import { freePort, startSmtp, type TestSmtp } from "./smtp.js";

const HOUR = 3_600_000;
const QUESTION = "Wie beantrage ich Kindergeld für meine Nichte Zorana aus Charkiw?";
const QUESTION_WORDS = ["Kindergeld", "Nichte", "Zorana", "Charkiw", "beantrage"];

const servers: TestSmtp[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function smtp(port?: number): Promise<TestSmtp> {
  const server = await startSmtp(port);
  servers.push(server);
  return server;
}

async function mailLotse(port: number) {
  const clock = new ManualClock(new Date("2026-11-17T09:00:00Z"));
  const { lotse } = await testLotse({ clock, env: { SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: "https://lotse.example.org/" }, manualDelivery: true });
  registerMail(lotse);
  const anna = (await lotse.accounts.create({ name: "Anna", regions: ["berlin-mitte"], email: "anna@example.org" }, HOUR)).account;
  const bernd = (await lotse.accounts.create({ name: "Bernd", regions: ["bayern-nuernberg"], email: "bernd@example.org" }, HOUR)).account;
  await lotse.accounts.create({ name: "Clara", regions: ["all"] }, HOUR); // no e-mail: no mail
  return { lotse, clock, anna, bernd };
}

async function handOver(lotse: Lotse, region = "berlin-mitte") {
  const result = await lotse.store.unit(() => lotse.tickets.create({ question: QUESTION, topic: null, region, lang: "de", origin: address("v1", "telegram"), priority: "normal" }));
  if (result.duplicate) throw new Error("unexpected duplicate");
  return result.value;
}

describe("mail notices", () => {
  it("mails a new ticket to the accounts covering its region, without the question", async () => {
    const server = await smtp();
    const { lotse } = await mailLotse(server.port);
    const ticket = await handOver(lotse);
    await lotse.outbox.flush();
    expect(server.received).toHaveLength(1);
    const [mail] = server.received;
    expect(mail!.to).toEqual(["anna@example.org"]);
    expect(mail!.subject).toContain(ticket.id);
    expect(mail!.subject).toContain("Mitte");
    expect(mail!.text).toContain(`https://lotse.example.org/desk#ticket=${ticket.id}`);
    expect(mail!.text).toContain("gerade eingegangen");
    for (const word of QUESTION_WORDS) for (const part of [mail!.subject, mail!.text, mail!.raw]) expect(part).not.toContain(word);
    // The web desk makes a ticket seen, a mail alone does not.
    expect(await new MailFront(lotse).reaches()).toBe(false);
    await lotse.close(0);
  });

  it("mails the reminder of an unclaimed ticket once, with its waiting time", async () => {
    const server = await smtp();
    const { lotse, clock } = await mailLotse(server.port);
    const ticket = await handOver(lotse, "bayern-nuernberg");
    clock.advance(5 * HOUR);
    await lotse.tickets.remind(ticket.id);
    await lotse.tickets.remind(ticket.id);
    await lotse.outbox.flush();
    expect(server.received.map((m) => m.to[0])).toEqual(["bernd@example.org", "bernd@example.org"]);
    expect(server.received[1]!.subject).toContain("Noch nicht übernommen");
    expect(server.received[1]!.text).toContain("wartet seit 5 Stunden");
    await lotse.close(0);
  });

  it("keeps a mail queued while the SMTP server is down and delivers it once when it is back", async () => {
    const port = await freePort();
    const { lotse, clock } = await mailLotse(port);
    const ticket = await handOver(lotse);
    await lotse.outbox.flush(); // refused: rescheduled with backoff
    expect(await lotse.outbox.backlog()).toBe(1);
    const server = await smtp(port);
    await lotse.outbox.flush();
    expect(server.received).toHaveLength(0); // not due yet: the backoff runs on the outbox's clock
    clock.advance(60_000);
    await lotse.outbox.flush();
    expect(server.received).toHaveLength(1);
    expect(await lotse.outbox.backlog()).toBe(0);
    // The same cause again (a retried unit): its dedupe key is remembered, nothing is sent twice.
    await lotse.store.unit(() => new MailFront(lotse).onTicket("created", ticket));
    clock.advance(60_000);
    await lotse.outbox.flush();
    expect(server.received).toHaveLength(1);
    await lotse.close(0);
  });

  it("sends nothing to an account revoked while its notice was queued", async () => {
    const server = await smtp();
    const { lotse, anna } = await mailLotse(server.port);
    await handOver(lotse);
    await lotse.accounts.revoke(anna.id);
    await lotse.outbox.flush();
    expect(server.received).toHaveLength(0);
    expect(await lotse.outbox.backlog()).toBe(0);
    await lotse.close(0);
  });

  it("gives up on a recipient the server refuses (5xx)", async () => {
    const refusing = await startRefusing();
    servers.push(refusing);
    const { lotse } = await mailLotse(refusing.port);
    await handOver(lotse);
    await lotse.outbox.flush();
    expect(await lotse.outbox.backlog()).toBe(0);
    await lotse.close(0);
  });
});

describe("invite mail", () => {
  it("sends the sign-in link directly", async () => {
    const server = await smtp();
    const config = testConfig({ SMTP_URL: `smtp://127.0.0.1:${server.port}`, DEFAULT_LANGUAGE: "en" });
    const link = "https://lotse.example.org/desk/signin#token=abc123";
    await mailInvite(config, silentLogger, { email: "dora@example.org", name: "Dora" }, link, 24);
    expect(server.received).toHaveLength(1);
    expect(server.received[0]!.to).toEqual(["dora@example.org"]);
    expect(server.received[0]!.subject).toBe("Your access to the Lotse desk");
    expect(server.received[0]!.text).toContain(link);
    expect(server.received[0]!.text).toContain("Hello Dora");
    expect(server.received[0]!.text).toContain("24 hours");
  });

  it("fails loudly without SMTP_URL", async () => {
    await expect(mailInvite(testConfig(), silentLogger, { email: "dora@example.org", name: "Dora" }, "https://x/y", 24)).rejects.toThrow(/SMTP_URL/);
  });
});

/** An SMTP server that refuses every recipient permanently. */
async function startRefusing(): Promise<TestSmtp> {
  const { SMTPServer } = await import("smtp-server");
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(Object.assign(new Error("no such user"), { responseCode: 550 }));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.server.address();
  return { port: typeof address === "object" && address ? address.port : 0, received: [], close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
