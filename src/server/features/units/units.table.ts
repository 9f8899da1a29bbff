import type { Selectable } from "kysely";
import type { Board, UnitKind } from "../../../domain/units/unit.schema";

/** Mirrors the content pack's units at start-up so that SQL can join on them. */
export interface UnitsTable {
  code: string;
  kind: UnitKind;
  board: Board;
  name: string;
  fullName: string;
}
export type UnitRow = Selectable<UnitsTable>;
