/**
 * One bounded attempt to start a platform adapter. The platform libraries retry by themselves
 * (grammY's `init` for ever, Bolt's client for half an hour, discord.js until the gateway answers),
 * which would keep Lotse from starting at all while one platform is down. After `ms` the attempt
 * is aborted (`signal`), whatever it started is undone (`undo`), and the caller retries later.
 * `cancel` (Lotse shutting down) ends the attempt the same way at once.
 */
export async function startWithin(ms: number, begin: (signal: AbortSignal) => Promise<void>, undo: () => Promise<void>, cancel?: AbortSignal): Promise<void> {
  cancel?.throwIfAborted();
  const controller = new AbortController();
  let giveUp: (reason: Error) => void = () => undefined;
  const givenUp = new Promise<never>((_, reject) => (giveUp = reject));
  const end = (reason: Error) => {
    giveUp(reason);
    controller.abort(reason);
  };
  const timer = setTimeout(() => end(new Error(`no answer within ${Math.round(ms / 1000)} s`)), ms);
  const onCancel = () => end(new Error("start cancelled: Lotse is stopping"));
  // Removed afterwards: retries every 30 s for days must not pile up listeners on one signal.
  cancel?.addEventListener("abort", onCancel, { once: true });
  const attempt = begin(controller.signal);
  try {
    await Promise.race([attempt, givenUp]);
  } catch (error) {
    attempt.catch(() => undefined); // it may still settle after the deadline
    await undo().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
    cancel?.removeEventListener("abort", onCancel);
  }
}

/**
 * The platform refused the configured credentials (a wrong or revoked token). Unlike an outage,
 * trying again cannot help: the adapter stays off and the error names the variable to fix.
 */
export class RejectedCredentials extends Error {
  override name = "RejectedCredentials";
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable} was rejected by the platform (${detail}); fix it and restart Lotse`);
  }
}
