/**
 * The auth feature's entry point: its plugin, and the account reads other features may use
 * (users belong to auth; others read the signed-in user from request.user).
 */
export { authFeaturePlugin } from "./auth.plugin";
export { signInAsDemoAccount } from "./auth.service";
export { findUserById, updateUser, userRowToUser } from "./users.repository";
export { issueSessionToken } from "./session-token";
export type { UserRow, UserUpdate, UsersTable } from "./users.table";
export { isDemoAccount, listDemoAccounts } from "./demo-accounts.repository";
export { listMergedFrom, mergeUserFacts, searchUsers } from "./accounts.repository";
