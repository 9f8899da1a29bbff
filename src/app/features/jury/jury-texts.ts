import type { z } from "zod";
import type { ConflictKindSchema } from "../../../domain/jury/jury.schema";

export const ROUND_LABELS = { stage2: "Vòng 1 – chọn 06 đơn vị vào chung kết", stage3: "Chung kết" } as const;

export const CONFLICT_LABELS: Record<z.infer<typeof ConflictKindSchema>, string> = {
  works_there: "Đang công tác tại đơn vị",
  worked_there: "Đã công tác tại đơn vị trong những năm gần đây",
  family: "Có người thân tại đơn vị",
  advised: "Đã tư vấn, hỗ trợ xây dựng sản phẩm",
  other: "Lý do khác",
  own_unit: "Đơn vị của tôi (tự động)",
};

export const METHOD_LABELS = { judgeCentred: "Điểm hiệu chỉnh", rawMean: "Điểm trung bình", medianRank: "Hạng trung vị", borda: "Borda" } as const;

export const fmt2 = (x: number) => x.toLocaleString("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const fmtVnd = (x: number) => `${x.toLocaleString("vi-VN")} đồng`;
/** "1,2 MB", "840 KB": file sizes as people read them. */
export const fmtSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
