import { z } from "zod";

/** xa/phuong/dac_khu are the 114 commune-level units; so_nganh are city departments. */
export const UNIT_KINDS = ["xa", "phuong", "dac_khu", "so_nganh"] as const;
export const UnitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKindSchema>;

/** The two ranking boards. */
export const BoardSchema = z.enum(["commune", "department"]);
export type Board = z.infer<typeof BoardSchema>;

export function boardOfKind(kind: UnitKind): Board {
  return kind === "so_nganh" ? "department" : "commune";
}

export const UnitSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{2,20}$/),
  kind: UnitKindSchema,
  name: z.string().min(1),
  fullName: z.string().min(1),
});
export type Unit = z.infer<typeof UnitSchema>;

export const UnitsQuerySchema = z.object({ kind: z.enum(["commune", "department", "all"]).default("all") });
export const UnitsResponseSchema = z.object({ units: z.array(UnitSchema) });
export type UnitsResponse = z.infer<typeof UnitsResponseSchema>;
