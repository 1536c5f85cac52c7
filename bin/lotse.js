#!/usr/bin/env node
// The `lotse` command. Runs the compiled CLI (npm install builds it via "prepare").
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "dist", "src", "cli.js");
if (!existsSync(cli)) {
  process.stderr.write('lotse: not built yet. Run "npm install" (or "npm run build") in the Lotse folder first.\n');
  process.exit(1);
}
const { runCli } = await import(cli);
await runCli(process.argv);
