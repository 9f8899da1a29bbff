import type { AddressInfo } from "node:net";
import { parseEnv } from "./config/env";
import { demoBanner } from "./features/demo/demo-banner";
import { buildApp } from "./app";
import { listenApp } from "./listen";
import { PackError } from "./content/pack-loader";
import { warmUploadPool } from "./shared/uploads/worker-pool";

/** Outside production: one readable line per entry; an error's stack only at debug level. */
function prettyOptions(level: string) {
  const detailed = level === "debug" || level === "trace";
  return detailed
    ? { translateTime: "SYS:HH:MM:ss", singleLine: true, ignore: "pid,hostname" }
    : { translateTime: "SYS:HH:MM:ss", singleLine: true, errorLikeObjectKeys: [], ignore: "pid,hostname,reqId,err.stack,err.type" };
}

async function main() {
  const env = parseEnv(process.env);
  const app = await buildApp({
    env,
    logger: env.NODE_ENV === "production" ? { level: env.LOG_LEVEL } : { level: env.LOG_LEVEL, transport: { target: "pino-pretty", options: prettyOptions(env.LOG_LEVEL) } },
  });
  const close = async (signal: string) => {
    app.log.info(`${signal}: closing`);
    await app.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void close("SIGINT"));
  process.once("SIGTERM", () => void close("SIGTERM"));
  await listenApp(app, env.HOST, env.PORT);
  warmUploadPool().catch((err: unknown) => app.log.warn({ err }, "upload worker did not start"));
  const port = (app.server.address() as AddressInfo | null)?.port ?? env.PORT;
  // Printed, not logged: the demo runs at warn level and a newcomer needs this whatever the level.
  if (env.NODE_ENV === "production") app.log.info(`Học vụ AI listening on ${port} (contest pack: ${env.CONTEST_PACK}, database: ${app.ctx.dialect})`);
  else console.log(await demoBanner(app, port));
  for (const w of app.ctx.pack.warnings ?? []) app.log.warn(w);
}

main().catch((err: unknown) => {
  // Configuration and content errors are for a person to fix: print them plainly, no stack.
  if (err instanceof PackError || (err instanceof Error && err.message.startsWith("Invalid environment"))) {
    console.error(`\nKhông thể khởi động Học vụ AI:\n${err.message}\n`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
