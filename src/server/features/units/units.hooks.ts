import type { AppHooks, PhoneVerifiedHook } from "../../app-context";
import { matchVerifiedPhone } from "./roster.service";

const phoneVerified: PhoneVerifiedHook = (ctx, user, now) => matchVerifiedPhone(ctx, user, now);

/** The units feature's hooks, listed in app.ts: a verified phone on a unit's roster fills in that person's unit. */
export const unitsHooks = { phoneVerified } satisfies { [K in keyof AppHooks]?: AppHooks[K][number] };
