import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("environment", () => {
  it("has working defaults for a newcomer (SQLite under ./data, demo pack)", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATABASE_URL: "./data/hoc-vu-ai.sqlite", CONTEST_PACK: "demo", AUTH_DEV: false, ZALO_GRAPH_URL: "https://graph.zalo.me" });
    expect(env.corsOrigins).toContain("https://h5.zdn.vn");
  });

  it("parses lists and flags", () => {
    const env = parseEnv({ AUTH_DEV: "1", BOOTSTRAP_ORGANIZERS: "0912345678, +84987654321", CORS_ORIGINS: "https://a.example" });
    expect(env.AUTH_DEV).toBe(true);
    expect(env.bootstrapOrganizers).toEqual(["0912345678", "+84987654321"]);
    expect(env.corsOrigins).toContain("https://a.example");
  });

  it("refuses to start production with dev sign-in, a default secret or no Zalo app", () => {
    expect(() => parseEnv({ NODE_ENV: "production", AUTH_DEV: "1" })).toThrow(/AUTH_DEV[\s\S]*SESSION_SECRET[\s\S]*ZALO_APP_ID/);
    const ok = parseEnv({ NODE_ENV: "production", SESSION_SECRET: "k3J9vQ2xLr7TzW1pN8bYc5HdF0sGm4Ue6AiOoXqRtVy", ZALO_APP_ID: "123", ZALO_APP_SECRET: "s" });
    expect(ok.NODE_ENV).toBe("production");
  });

  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ PORT: "not-a-port" })).toThrow(/PORT/);
    expect(() => parseEnv({ CONTEST_PACK: "../etc" })).toThrow(/CONTEST_PACK/);
  });
});
