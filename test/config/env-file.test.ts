import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { loadEnvFile } from "../../src/env-file.js";

describe(".env", () => {
  it("is read at start, and a real environment variable wins over it", () => {
    const file = join(mkdtempSync(join(tmpdir(), "lotse-env-")), ".env");
    writeFileSync(file, ['OPERATOR_NAME="Flüchtlingshilfe Musterstadt e.V."', "OPERATOR_CONTACT=datenschutz@musterstadt.example", "# a comment", "PORT=4000"].join("\n"));
    const env: NodeJS.ProcessEnv = { PORT: "5000" };
    expect(loadEnvFile(env, file).sort()).toEqual(["OPERATOR_CONTACT", "OPERATOR_NAME"]);
    const config = loadConfig(env);
    expect(config.OPERATOR_NAME).toBe("Flüchtlingshilfe Musterstadt e.V.");
    expect(config.OPERATOR_CONTACT).toBe("datenschutz@musterstadt.example");
    expect(config.PORT).toBe(5000);
  });

  it("is optional", () => {
    expect(loadEnvFile({}, join(tmpdir(), "no-such-dir", ".env"))).toEqual([]);
  });
});
