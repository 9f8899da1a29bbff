import type { DevSignInRequest, UpdateMeRequest } from "../../../domain/auth/auth.schema";
import { normalizePhone } from "../../../domain/shared/phone";
import type { AppContext } from "../../app-context";
import { AppError } from "../../shared/app-error";
import { findDemoAccount, insertDemoAccount, isDemoAccount, signInKey } from "./demo-accounts.repository";
import { bumpSessionVersion, purgeExpiredRevocations, revokeSession } from "./sessions.repository";
import { issueSessionToken, type SessionClaims } from "./session-token";
import { fetchZaloPhone, fetchZaloUser } from "./zalo-graph";
import { findRosterUnitOf, findUserById, findUserByZaloId, insertUser, insertZaloUserOnce, unitScopedRoleDropped, updateUser, userRowToUser } from "./users.repository";
import type { UserRow } from "./users.table";

type Ctx = Pick<AppContext, "env" | "db" | "dialect" | "clock" | "sessionClock" | "pack" | "hooks" | "caches">;

function session(ctx: Ctx, row: UserRow) {
  return { token: issueSessionToken(ctx.env.SESSION_SECRET, row.id, ctx.sessionClock.now(), row.sessionVersion), user: userRowToUser(row) };
}

function assertUnit(ctx: Ctx, unitCode: string | undefined | null): void {
  if (unitCode && !ctx.pack.units.some((u) => u.code === unitCode))
    throw new AppError(400, "UNIT_UNKNOWN", `Unit ${unitCode} is not part of this contest`, { unitCode: "Đơn vị không có trong danh sách" });
}

export async function signInWithZalo(ctx: Ctx, accessToken: string) {
  const zalo = await fetchZaloUser({ graphUrl: ctx.env.ZALO_GRAPH_URL, appSecret: ctx.env.ZALO_APP_SECRET }, accessToken);
  const now = ctx.clock.now();
  const found = await findUserByZaloId(ctx.db, zalo.id);
  // A Zalo account merged into another (people feature) signs in as the kept account.
  const existing = found?.mergedInto ? ((await findUserById(ctx.db, found.mergedInto)) ?? found) : found;
  const row = existing
    ? await updateUser(ctx.db, existing.id, { zaloName: zalo.name ?? existing.zaloName, lastActiveAt: now.toISOString() }, now)
    : await insertZaloUserOnce(ctx.db, { zaloId: zalo.id, zaloName: zalo.name ?? null }, now);
  return session(ctx, row);
}

/** Demo sign-in: the same name and role find the same account again (progress is kept). */
export async function signInDev(ctx: Ctx, input: DevSignInRequest) {
  assertUnit(ctx, input.unitCode);
  const role = input.role ?? "staff";
  const key = signInKey(input.name, role);
  const now = ctx.clock.now();
  const existing = await findDemoAccount(ctx.db, key);
  const found = existing ? await findUserById(ctx.db, existing) : undefined;
  if (found) {
    // A lead's first unit (demo only) is the unit the role is granted for.
    const unitPatch = input.unitCode && !found.unitCode ? { unitCode: input.unitCode, ...(found.role === "unit_lead" && !found.roleUnitCode ? { roleUnitCode: input.unitCode } : {}) } : {};
    return session(ctx, await updateUser(ctx.db, found.id, { lastActiveAt: now.toISOString(), ...unitPatch }, now));
  }
  // Demo only (AUTH_DEV): the chosen role is granted for the chosen unit.
  const row = await insertUser(
    ctx.db,
    { zaloId: null, zaloName: null, fullName: input.name, role, unitCode: input.unitCode ?? null, roleUnitCode: role === "unit_lead" ? (input.unitCode ?? null) : null },
    now,
  );
  await insertDemoAccount(ctx.db, row.id, key, now);
  return session(ctx, row);
}

/** Demo only: a session for an account the demo sign-in made (switching roles from the list). */
export async function signInAsDemoAccount(ctx: Ctx, userId: string) {
  const row = (await isDemoAccount(ctx.db, userId)) ? await findUserById(ctx.db, userId) : undefined;
  if (!row) throw new AppError(404, "NOT_FOUND", "No such demo account");
  const now = ctx.clock.now();
  return session(ctx, await updateUser(ctx.db, row.id, { lastActiveAt: now.toISOString() }, now));
}

export async function verifyPhone(ctx: Ctx, user: UserRow, phoneToken: string, accessToken: string | undefined) {
  let raw: string;
  if (ctx.env.AUTH_DEV && phoneToken.startsWith("dev:")) {
    raw = phoneToken.slice(4);
  } else {
    if (!accessToken) throw new AppError(400, "VALIDATION_FAILED", "accessToken is required to exchange a phone token", { accessToken: "Thiếu mã truy cập Zalo" });
    const zalo = await fetchZaloUser({ graphUrl: ctx.env.ZALO_GRAPH_URL, appSecret: ctx.env.ZALO_APP_SECRET }, accessToken);
    // The phone token must belong to the signed-in person, not to whoever holds another token.
    if (zalo.id !== user.zaloId) throw new AppError(403, "FORBIDDEN", "The Zalo token belongs to another user");
    raw = await fetchZaloPhone({ graphUrl: ctx.env.ZALO_GRAPH_URL, appSecret: ctx.env.ZALO_APP_SECRET }, accessToken, phoneToken);
  }
  const phone = normalizePhone(raw);
  if (!phone) throw new AppError(400, "PHONE_TOKEN_INVALID", "Zalo returned a number that is not a Vietnamese mobile number");
  const now = ctx.clock.now();
  const bootstrap = ctx.env.bootstrapOrganizers.map(normalizePhone).includes(phone);
  let row = await updateUser(ctx.db, user.id, { phone, phoneVerifiedAt: now.toISOString(), ...(bootstrap ? { role: "organizer" as const } : {}) }, now);
  for (const hook of ctx.hooks.phoneVerified) await hook(ctx, row, now);
  row = (await findUserById(ctx.db, user.id)) ?? row;
  return userRowToUser(row);
}

/**
 * The demo sign-in (AUTH_DEV only) lets a person pick "unit lead" before choosing a unit in onboarding:
 * that first choice binds the role. Anywhere else a lead's unit comes only from an organiser.
 */
function demoLeadsFirstUnit(ctx: Ctx, user: UserRow): boolean {
  return ctx.env.AUTH_DEV && user.role === "unit_lead" && user.unitCode === null && user.roleUnitCode === null;
}

export async function updateMe(ctx: Ctx, user: UserRow, patch: UpdateMeRequest) {
  assertUnit(ctx, patch.unitCode);
  const { notificationsConsent, unitCode, ...rest } = patch;
  const now = ctx.clock.now();
  const moving = unitCode !== undefined && unitCode !== user.unitCode;
  if (moving) {
    // A person on a unit's list belongs to that unit: moving is the other unit's lead's decision (claims).
    const listed = await findRosterUnitOf(ctx.db, user.id);
    if (listed)
      throw new AppError(409, "UNIT_CHANGE_NOT_ALLOWED", `On the roster of ${listed}; ask to join the other unit instead`, {
        unitCode: "Bạn đang có tên trong danh sách cán bộ của một đơn vị, không tự đổi đơn vị được. Hãy gửi yêu cầu gia nhập đơn vị mới để lãnh đạo đơn vị đó duyệt.",
      });
  }
  let row = await updateUser(
    ctx.db,
    user.id,
    {
      ...rest,
      ...(moving ? { unitCode, ...(demoLeadsFirstUnit(ctx, user) ? { roleUnitCode: unitCode } : unitScopedRoleDropped(user)) } : {}),
      ...(notificationsConsent === undefined ? {} : { notificationsConsent: notificationsConsent ? 1 : 0 }),
    },
    now,
  );
  if (ctx.hooks.profileUpdated.length) {
    for (const hook of ctx.hooks.profileUpdated) await hook(ctx, row, now);
    row = (await findUserById(ctx.db, user.id)) ?? row;
  }
  return userRowToUser(row);
}

/** Sign out this device (the session id is refused from now on) or every device (the version moves on). */
export async function signOut(ctx: Ctx, user: UserRow, session: SessionClaims, everywhere: boolean): Promise<void> {
  if (everywhere) await bumpSessionVersion(ctx.db, user.id);
  else await revokeSession(ctx.db, session.sessionId, user.id, new Date(session.expiresMs));
  await purgeExpiredRevocations(ctx.db, ctx.clock.now());
}

/** An organiser ends every session of a person (a lost phone, someone who left). */
export async function revokeUserSessions(ctx: Ctx, targetId: string): Promise<void> {
  const target = await findUserById(ctx.db, targetId);
  if (!target) throw new AppError(404, "NOT_FOUND", "User not found");
  await bumpSessionVersion(ctx.db, targetId);
}
