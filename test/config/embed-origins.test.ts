import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { chatCsp } from "../../src/adapters/web/embed.js";

describe("EMBED_ORIGINS", () => {
  it("is empty by default: the chat may not be framed", () => {
    expect(loadConfig({}).EMBED_ORIGINS).toEqual([]);
    expect(chatCsp([])).toContain("frame-ancestors 'none';");
  });

  it("takes origins separated by commas, a trailing slash dropped", () => {
    const config = loadConfig({ EMBED_ORIGINS: " https://www.fluechtlingshilfe.example , http://127.0.0.1:8080/" });
    expect(config.EMBED_ORIGINS).toEqual(["https://www.fluechtlingshilfe.example", "http://127.0.0.1:8080"]);
    expect(chatCsp(config.EMBED_ORIGINS)).toContain("frame-ancestors https://www.fluechtlingshilfe.example http://127.0.0.1:8080;");
  });

  it.each([
    "www.example.org",
    "https://example.org/chat",
    "https://example.org; script-src *",
    "*",
    "https://*.example.org",
    "ftp://example.org",
    "https://example.org?x=1",
    "'self'",
  ])("rejects %j, naming the variable", (value) => {
    expect(() => loadConfig({ EMBED_ORIGINS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ EMBED_ORIGINS: value })).toThrow(/EMBED_ORIGINS: expected origins like https:\/\/www\.example\.org/);
  });

  it("rejects a list with one malformed origin among good ones", () => {
    expect(() => loadConfig({ EMBED_ORIGINS: "https://a.example,https://b.example/path" })).toThrow(/EMBED_ORIGINS: .*"https:\/\/b\.example\/path" is not one/);
  });
});
