/** Error name and message only, cut short: a stack or a request body could carry message text or a token. */
export function errorSummary(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message.slice(0, 200) } : { name: "Error", message: String(error).slice(0, 200) };
}
