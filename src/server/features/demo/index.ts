/** The demo feature's entry point (only app.ts reads it; AUTH_DEV only). */
import type { AppHooks } from "../../app-context";
import { placeDemoAccountOnList } from "./demo.service";

export { loadDemoClock } from "./demo-clock";
export { demoPlugin } from "./demo.plugin";
export type { DemoAccountsTable, DemoSettingsTable } from "./demo.table";

export const demoHooks = {
  profileUpdated: (ctx, user, now) => placeDemoAccountOnList(ctx, user, now),
} satisfies { [K in keyof AppHooks]?: AppHooks[K][number] };
