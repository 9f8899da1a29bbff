/** Sessions signed out on one device, kept until their token would have expired. */
export interface RevokedSessionsTable {
  sessionId: string;
  userId: string;
  expiresAt: string;
}
