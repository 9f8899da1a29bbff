import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/dialects";
import { buildTestApp, type TestApp } from "../../test/test-app";

describe.each(DIALECTS)("contest, units, health and docs on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(() => t.close());

  it("reports health with the database in use", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(res.json()).toEqual({ ok: true, db: dialect });
  });

  it("serves the demo contest with Stage 1 open now and the server's clock", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/contest" });
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.name).toBe("Ứng dụng AI trong thực thi nhiệm vụ của các cơ quan hành chính");
    expect(c.stages.map((s: { id: string }) => s.id)).toEqual(["stage1", "stage2", "stage3"]);
    const now = t.clock.now().getTime();
    expect(Date.parse(c.stages[0].opensAt)).toBeLessThan(now);
    expect(Date.parse(c.stages[0].closesAt)).toBeGreaterThan(now);
    expect(c.serverNow).toBe(t.clock.now().toISOString());
    expect(c.prizes[0]).toMatchObject({ name: "Giải Nhất", amountVnd: 10_000_000 });
    expect(c.contacts.length).toBeGreaterThan(0);
    expect(c.lessonCount).toBe(14);
  });

  it("lists the 114 commune-level units and the departments separately", async () => {
    const communes = (await t.app.inject({ method: "GET", url: "/api/units?kind=commune" })).json().units;
    expect(communes).toHaveLength(114);
    expect(communes.filter((u: { kind: string }) => u.kind === "dac_khu")).toHaveLength(2);
    const departments = (await t.app.inject({ method: "GET", url: "/api/units?kind=department" })).json().units;
    expect(departments.length).toBeGreaterThan(5);
    expect(departments.every((u: { kind: string }) => u.kind === "so_nganh")).toBe(true);
    const bad = await t.app.inject({ method: "GET", url: "/api/units?kind=village" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("VALIDATION_FAILED");
  });

  it("answers unknown routes with the JSON error contract", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/nothing-here" });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("NOT_FOUND");
  });

  it("publishes an OpenAPI document generated from the zod schemas", async () => {
    const res = await t.app.inject({ method: "GET", url: "/docs/json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/auth/zalo", "/api/me", "/api/contest", "/api/units"]));
  });

  it("allows Zalo's WebView origin through CORS and refuses others", async () => {
    const ok = await t.app.inject({ method: "OPTIONS", url: "/api/contest", headers: { origin: "https://h5.zdn.vn", "access-control-request-method": "GET" } });
    expect(ok.headers["access-control-allow-origin"]).toBe("https://h5.zdn.vn");
    const other = await t.app.inject({ method: "GET", url: "/api/contest", headers: { origin: "https://evil.example" } });
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
  });
});
