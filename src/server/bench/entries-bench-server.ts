import type { AddressInfo } from "node:net";
import { buildApp } from "../app";
import { parseEnv } from "../config/env";
import { loadContestPack } from "../content/pack-loader";

/**
 * The entries API in its own process for `npm run bench:entries`: 11 qualified units, each with a
 * lead and two colleagues (contributors). Reports its peak RSS over IPC when asked.
 */
export type EntriesBenchReady = { type: "ready"; port: number; units: { code: string; tokens: string[] }[] };

const SECRET = "bench-secret-bench-secret-bench-secret";

async function main() {
  const env = parseEnv({ NODE_ENV: "test", DATABASE_URL: process.env.BENCH_DATABASE_URL, FILES_DIR: process.env.BENCH_FILES_DIR, AUTH_DEV: "1", SESSION_SECRET: SECRET, REMINDERS_WORKER: "0", ENTRIES_JOBS: "0", LOG_LEVEL: "silent" });
  const pack = loadContestPack("demo", new Date());
  const round = pack.entries.rounds.find((r) => r.id === "stage2");
  if (!round) throw new Error("demo pack has no stage2 round");
  // Room for the scenario: 10 files of 5 MB, and one 100 MB file for the memory check.
  round.attachments = { ...round.attachments, kinds: ["pdf", "docx", "pptx", "xlsx", "jpeg", "png"], maxFileBytes: 110 * 1024 * 1024, maxTotalBytes: 200 * 1024 * 1024, maxCount: 20 };
  const app = await buildApp({ env, pack, logger: false, wwwDir: "/nonexistent" });
  const codes = pack.units.slice(0, 11).map((u) => u.code);
  const sign = async (name: string, role: string, unitCode: string) =>
    ((await app.inject({ method: "POST", url: "/api/auth/dev", payload: { name, role, unitCode } })).json() as { token: string; user: { id: string } });
  const org = await sign("Ban tổ chức", "organizer", codes[0] as string);
  await app.ctx.db.insertInto("qualifierConfirmations").values({ id: "stage1-bench", stageId: round.eligible.fromStage, unitCodes: JSON.stringify(codes), proposed: "{}", changed: 0, reason: null, confirmedBy: org.user.id, confirmedAt: new Date().toISOString() }).execute();
  const leads = [];
  for (const code of codes) leads.push(await sign(`Lãnh đạo ${code}`, "unit_lead", code));
  await app.inject({ method: "POST", url: "/api/entries/stage2/invitations", headers: { authorization: `Bearer ${org.token}` } });
  const units: EntriesBenchReady["units"] = [];
  for (const [i, code] of codes.entries()) {
    const lead = leads[i] as { token: string; user: { id: string } };
    const row = await app.ctx.db.selectFrom("reminderOutbox").select("path").where("userId", "=", lead.user.id).executeTakeFirstOrThrow();
    const invite = new URL(row.path, "http://x").searchParams.get("invite") as string;
    const tokens = [lead.token];
    for (const n of [1, 2]) {
      const s = await sign(`Cán bộ ${n} ${code}`, "staff", code);
      await app.inject({ method: "POST", url: `/api/entries/stage2/units/${code}/join`, headers: { authorization: `Bearer ${s.token}` }, payload: { invite } });
      tokens.push(s.token);
    }
    units.push({ code, tokens });
  }
  await app.listen({ host: "127.0.0.1", port: 0 });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  process.on("message", (m: { type: string }) => {
    if (m.type === "rss") {
      const now = process.memoryUsage().rss;
      process.send?.({ type: "rss", now, peak });
      peak = now;
    }
  });
  process.once("SIGTERM", () => {
    clearInterval(sampler);
    void app.close().then(() => process.exit(0));
  });
  process.send?.({ type: "ready", port: (app.server.address() as AddressInfo).port, units } satisfies EntriesBenchReady);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
