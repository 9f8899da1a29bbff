/** Shared server code: any feature that makes a decision affecting the contest's outcome logs it here. */
export { listAudit, recordAudit, type AuditInput } from "./audit.service";
export type { AuditLogRow, AuditLogTable } from "./audit.table";
