import { parseEnv } from "./config/env";
import { buildApp } from "./app";
import { PackError } from "./content/pack-loader";
import { warmUploadPool } from "./shared/uploads/worker-pool";

async function main() {
  const env = parseEnv(process.env);
  const app = await buildApp({
    env,
    logger: env.NODE_ENV === "production" ? { level: env.LOG_LEVEL } : { level: env.LOG_LEVEL, transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" } } },
  });
  const close = async (signal: string) => {
    app.log.info(`${signal}: closing`);
    await app.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void close("SIGINT"));
  process.once("SIGTERM", () => void close("SIGTERM"));
  await app.listen({ host: env.HOST, port: env.PORT });
  warmUploadPool().catch((err: unknown) => app.log.warn({ err }, "upload worker did not start"));
  app.log.info(`Học vụ AI: http://localhost:${env.PORT}  (API docs: /docs, contest pack: ${env.CONTEST_PACK}, database: ${app.ctx.dialect})`);
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
