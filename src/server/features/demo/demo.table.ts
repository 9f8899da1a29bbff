/** demo_settings: key → value (AUTH_DEV only): the clock's anchor and offset, the seed mark. */
export interface DemoSettingsTable {
  key: string;
  value: string;
  updatedAt: string;
}

/** demo_accounts: an account made by the demo sign-in, found again by its name and role. */
export interface DemoAccountsTable {
  userId: string;
  /** Folded name + role: the same person signing in again finds the same account. */
  signInKey: string;
  createdAt: string;
}
