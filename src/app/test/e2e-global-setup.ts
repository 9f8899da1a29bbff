import path from "node:path";
import { build } from "vite";

/** Browser tests run against the real production build, built once per run. */
export default async function setup(): Promise<void> {
  await build({ configFile: path.resolve(__dirname, "../../../vite.config.ts"), logLevel: "warn", mode: "production" });
}
