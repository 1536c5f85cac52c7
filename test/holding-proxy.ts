import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An HTTP proxy in front of a fake platform API that can stop answering: after hold(), requests
 * are accepted and kept open without a reply (a platform that hangs, not one that fails fast).
 * Held requests are never forwarded, so nothing they carry reaches the fake.
 */
export class HoldingProxy {
  /** Requests held so far (they stay unanswered until the client gives up or stop()). */
  held = 0;
  private holding = false;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly target: string,
  ) {}

  static async start(target: string): Promise<HoldingProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const proxy = new HoldingProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, target.replace(/\/+$/, ""));
    server.on("request", (req, res) => void proxy.handle(req, res));
    return proxy;
  }

  hold(): void {
    this.holding = true;
  }

  pass(): void {
    this.holding = false;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.holding) {
      this.held++;
      return; // no answer: the client waits until its own timeout or until its process ends
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter((entry): entry is [string, string] => typeof entry[1] === "string" && !["host", "connection", "content-length", "transfer-encoding"].includes(entry[0])),
    );
    try {
      const upstream = await fetch(this.target + (req.url ?? "/"), { method: req.method ?? "GET", headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
      const body = Buffer.from(await upstream.arrayBuffer());
      res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/octet-stream" }).end(body);
    } catch {
      if (!res.headersSent) res.writeHead(502).end();
    }
  }
}
