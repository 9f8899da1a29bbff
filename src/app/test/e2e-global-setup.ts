import path from "node:path";
import { build } from "vite";
import type { TestProject } from "vitest/node";
import { type ChromiumChoice, chooseChromium } from "./chromium";

declare module "vitest" {
  export interface ProvidedContext {
    /** The Chromium every browser test launches (chromium.ts). */
    chromium: ChromiumChoice;
  }
}

/** Browser tests run against the real production build, built once per run, in the Chromium chosen once. */
export default async function setup(project: TestProject): Promise<void> {
  const choice = chooseChromium();
  console.log(`[tests] Chromium: ${choice.problem ? `none usable (${choice.problem})` : `${choice.executablePath} (${choice.source})`}`);
  project.provide("chromium", choice);
  await build({ configFile: path.resolve(__dirname, "../../../vite.config.ts"), logLevel: "warn", mode: "production" });
}
