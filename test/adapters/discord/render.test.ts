import { describe, expect, it } from "vitest";
import { escapeDiscord, renderDiscord } from "../../../src/adapters/discord/render.js";

describe("Discord rendering", () => {
  it("turns user text into literal text that pings nobody", () => {
    const evil = "@everyone @here <@123> <@&456> <#789> **bold** [masked](https://evil.example) `code` <t:0:F>";
    const payload = renderDiscord({ lang: "de", blocks: [{ type: "paragraph", spans: [{ text: evil }] }] });
    const description = payload.embeds[0]!.description;
    expect(payload.allowed_mentions).toEqual({ parse: [] });
    // Escaped with Discord's own backslash, so readers see (and copy) exactly what was written.
    expect(description).not.toMatch(/(?<!\\)(@everyone|@here|<@123>|<@&456>|<#789>|<t:0:F>)/);
    expect(description).toContain("\\@everyone \\@here \\<\\@123\\>");
    expect(description).toContain("\\[masked\\](https");
    expect(description).toContain("\\*\\*bold\\*\\*");
    expect(escapeDiscord("a@b")).toBe("a\\@b");
  });

  it("shows meeting times in the reader's zone and keeps link buttons", () => {
    const payload = renderDiscord({ lang: "de", blocks: [{ type: "heading", spans: [{ text: "Treffen" }] }], meta: { at: "2026-11-12T17:00:00.000Z" }, buttons: [[{ id: "x", label: "Link", url: "https://example.org" }, { id: "b1", label: "ok" }]] });
    expect(payload.embeds[0]!.fields![0]!.value).toBe("<t:1794502800:F> (<t:1794502800:R>)");
    expect(payload.components[0]!.components).toEqual([{ type: 2, style: 5, label: "Link", url: "https://example.org" }, { type: 2, style: 2, label: "ok", custom_id: "b1" }]);
  });
});
