import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

describe("configuration", () => {
  it("starts with defaults when nothing is set", () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATA_DIR).toBe("./data");
    expect(config.REDIS_URL).toBeUndefined();
  });

  it("names the variable and what is expected for a wrong value", () => {
    expect(() => loadConfig({ PORT: "abc" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "abc" })).toThrow(/PORT: .*(number|integer).*"abc"/i);
    expect(() => loadConfig({ PORT: "70000" })).toThrow(/PORT/);
    expect(() => loadConfig({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ DEFAULT_LANGUAGE: "xx" })).toThrow(/DEFAULT_LANGUAGE/);
  });

  it("rejects storage URLs with the wrong scheme and both backends at once", () => {
    expect(() => loadConfig({ REDIS_URL: "http://localhost" })).toThrow(/REDIS_URL: expected a URL starting with redis:\/\//);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ REDIS_URL: "redis://127.0.0.1:6379", DATABASE_URL: "postgres://127.0.0.1/test" })).toThrow(/either REDIS_URL or DATABASE_URL/);
  });

  it("reports every wrong variable at once", () => {
    try {
      loadConfig({ PORT: "x", MAX_MESSAGE_LENGTH: "-1" });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/MAX_MESSAGE_LENGTH/);
    }
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ PORT: "" }).PORT).toBe(3000);
  });
});

describe("configuration errors and store URLs", () => {
  it("name the variable but never echo a store URL, which may carry a password", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://admin:Hunter2pw@db.example.org/lotse" })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://admin:Hunter2pw@db.example.org/lotse" })).not.toThrow(/Hunter2pw/);
    expect(() => loadConfig({ REDIS_URL: "http://:Hunter2pw@cache.example.org" })).not.toThrow(/Hunter2pw/);
  });
});
