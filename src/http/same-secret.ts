import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares a secret sent with a request to the configured one in constant time. Both are hashed
 * first, so neither the content nor the length of the secret shows in the timing.
 */
export function sameSecret(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(secret));
}
