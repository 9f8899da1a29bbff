import { describe, expect, it } from "vitest";
import { PeopleSearchQuerySchema, PersonParamsSchema, SetRoleRequestSchema } from "../people/people.schema";
import { CreatePrivacyRequestSchema, PrivacyDecisionSchema, PrivacyRequestParamsSchema } from "../privacy/privacy.schema";
import { BankQuestionsQuerySchema, RetireRequestSchema } from "../quiz/bank.schema";
import { OverrideAttemptParamsSchema, OverridePersonParamsSchema, ReasonRequestSchema } from "../quiz/overrides.schema";

/**
 * The overrides, people, privacy and bank schemas landed before the one text schema: a NUL in
 * `/api/quiz/overrides/attempts/%00/focus-events` reached PostgreSQL and answered 500 (fuzz seed
 * 907027564). Each of their request schemas now refuses control characters (400, never the database).
 */
const NUL = "a\u0000b";
const cases: [string, { safeParse(v: unknown): { success: boolean } }, unknown, unknown][] = [
  ["override attempt id", OverrideAttemptParamsSchema, { id: "att-1" }, { id: NUL }],
  ["override person id", OverridePersonParamsSchema, { userId: "u-1" }, { userId: NUL }],
  ["override reason", ReasonRequestSchema, { reason: "Mất mạng cả phường" }, { reason: `Mất mạng ${NUL}` }],
  ["person id", PersonParamsSchema, { id: "u-1" }, { id: NUL }],
  ["people search", PeopleSearchQuerySchema, { q: "Nguyễn" }, { q: NUL }],
  ["role reason", SetRoleRequestSchema, { role: "staff", reason: "Chuyển công tác" }, { role: "staff", reason: "Chuyển\u202Ecông tác" }],
  ["privacy request id", PrivacyRequestParamsSchema, { id: "r-1" }, { id: NUL }],
  ["privacy request note", CreatePrivacyRequestSchema, { kind: "correct", note: "Sửa chức vụ" }, { kind: "correct", note: `Sửa ${NUL}` }],
  ["privacy decision", PrivacyDecisionSchema, { action: "reject", response: "Không đủ căn cứ" }, { action: "reject", response: `Không ${NUL}` }],
  ["bank search", BankQuestionsQuerySchema, { q: "dữ liệu" }, { q: NUL }],
  ["retire reason", RetireRequestSchema, { reason: "Sai đáp án" }, { reason: NUL }],
];

describe("request schemas of overrides, people, privacy and the bank", () => {
  it.each(cases)("%s: accepts ordinary text, refuses control characters", (_name, schema, ok, bad) => {
    expect(schema.safeParse(ok).success).toBe(true);
    expect(schema.safeParse(bad).success).toBe(false);
  });
});
