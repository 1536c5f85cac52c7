import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * Prometheus metrics (served at /metrics). Labels carry platforms, actions and states only:
 * never text, user ids or ticket numbers.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly messagesIn = new Counter({ name: "lotse_messages_in_total", help: "Messages received, per platform", labelNames: ["platform"], registers: [this.registry] });
  readonly messagesOut = new Counter({ name: "lotse_messages_out_total", help: "Messages delivered by the outbox, per platform", labelNames: ["platform"], registers: [this.registry] });
  readonly answers = new Counter({ name: "lotse_answers_total", help: "Questions triaged, per action", labelNames: ["action"], registers: [this.registry] });
  readonly retries = new Counter({ name: "lotse_outbox_retries_total", help: "Failed delivery attempts that will be retried, per platform", labelNames: ["platform"], registers: [this.registry] });
  readonly remindersSent = new Counter({ name: "lotse_reminders_sent_total", help: "Meeting reminders queued", registers: [this.registry] });
  readonly latency = new Histogram({
    name: "lotse_answer_seconds",
    help: "Time from a received message to the queued replies",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly backlog: Gauge;
  readonly tickets: Gauge;

  constructor(sources: { backlog: () => Promise<number>; ticketsByState: () => Promise<Record<string, number>> }) {
    this.backlog = new Gauge({
      name: "lotse_outbox_backlog",
      help: "Messages waiting in the outbox",
      registers: [this.registry],
      async collect() {
        this.set(await sources.backlog());
      },
    });
    this.tickets = new Gauge({
      name: "lotse_tickets",
      help: "Tickets per state",
      labelNames: ["state"],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [state, count] of Object.entries(await sources.ticketsByState())) this.set({ state }, count);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: "lotse_" });
  }
}
