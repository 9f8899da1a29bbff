import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { Db } from "../../db/database";

export type Row = Record<string, unknown>;

/** Who is anonymised: some people (their request), or everyone (retention after the contest). */
export type EraseScope = { userIds: string[] } | { all: true };

/**
 * One kind of personal data a feature keeps: how to collect a person's rows (for "Dữ liệu của
 * tôi" and the export), and how to anonymise them. A feature that adds a table with a user_id
 * adds its source to PERSONAL_DATA_SOURCES (personal-data.sources.ts) (the privacy test fails until it does).
 * Anonymising keeps facts that units' counts and rankings are built on (progress, attempts):
 * rows lose what identifies the person, they are not removed.
 */
export type PersonalDataSource = {
  id: string;
  /** Vietnamese heading; also the XLSX sheet name (≤ 31 characters). */
  label: string;
  /** Why it is kept (shown to the person). */
  purpose: string;
  /** The tables (snake_case, as in the database) whose user rows this source covers. */
  tables: string[];
  collect(db: Db, userId: string): Promise<Row[]>;
  /** Anonymise or remove what identifies the person; absent when the rows hold no identifying data. */
  erase?(db: Db, scope: EraseScope, now: Date): Promise<number>;
};

/** The user ids a scope names, or null for everyone. */
export const ids = (scope: EraseScope) => ("all" in scope ? null : scope.userIds);

/** The column that holds the person's id in a table of personal data. */
type PersonColumn = "id" | "userId" | "judgeId" | "subject";

/**
 * A scope as a condition on `column`: the listed people's rows (none listed: no row), or every row.
 * One condition for every table, hence raw SQL; the CamelCasePlugin still maps the column's name.
 */
export function ofScope(column: PersonColumn, scope: EraseScope): RawBuilder<SqlBool> {
  if ("all" in scope) return sql<SqlBool>`1 = 1`;
  if (scope.userIds.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join(scope.userIds)})`;
}
