import type { UnitEntryState } from "../../../domain/entries/entries.schema";

/** A unit's entry state, as people read it. */
export const STATE_LABEL: Record<UnitEntryState, string> = { not_started: "Chưa bắt đầu", draft: "Đang soạn", submitted: "Đã nộp", withdrawn: "Đã rút", late: "Quá hạn" };
