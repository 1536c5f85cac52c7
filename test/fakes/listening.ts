import type { Server } from "node:http";

/**
 * The "refuses connections" half of a fake platform's outage, shared by the three fakes:
 * stop listening and drop every open connection, then later listen again on the same port.
 */

/** Closes the listening socket and every open connection; clients get ECONNREFUSED afterwards. */
export async function stopListening(server: Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections(); // held long polls and keep-alive sockets fail at once
  await closed;
}

/** Listens again on `port` (127.0.0.1) if the server was stopped. */
export async function listenAgain(server: Server, port: number): Promise<void> {
  if (server.listening) return;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
}
