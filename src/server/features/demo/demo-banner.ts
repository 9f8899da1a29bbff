import type { FastifyInstance } from "fastify";
import type { Role } from "../../../domain/auth/auth.schema";
import { listDemoAccounts } from "../auth";

const ROLE: Record<Role, string> = { staff: "cán bộ", unit_lead: "lãnh đạo đơn vị", organizer: "Ban tổ chức", judge: "giám khảo" };

/** What `npm start` prints once listening: where to go, who can sign in, where the demo panel is. */
export async function demoBanner(app: FastifyInstance, port: number): Promise<string> {
  const url = `http://localhost:${port}`;
  const lines = [`\nHọc vụ AI đang chạy: ${url}   (API docs: ${url}/docs, cơ sở dữ liệu: ${app.ctx.dialect}, bộ nội dung: ${app.ctx.env.CONTEST_PACK})`];
  if (!app.ctx.env.AUTH_DEV) return lines.join("\n");
  const accounts = await listDemoAccounts(app.ctx.db, 8);
  const seeded = await app.ctx.db.selectFrom("demoSettings").select("value").where("key", "=", "seed.done").executeTakeFirst();
  lines.push(
    "  Bản trình diễn (AUTH_DEV): mở địa chỉ trên, nhập họ tên và chọn vai trò. Cùng họ tên và vai trò = cùng tài khoản.",
    accounts.length
      ? `  Tài khoản trình diễn đã có: ${accounts.map((a) => `${a.fullName ?? "?"} (${ROLE[a.role]}${a.unitName ? `, ${a.unitName}` : ""})`).join("; ")}`
      : "  Chưa có tài khoản trình diễn: thử lần lượt “Cán bộ, công chức”, “Lãnh đạo đơn vị” và “Ban tổ chức”.",
    `  Bảng điều khiển trình diễn: ${url}/demo (hoặc Cá nhân → Bảng điều khiển trình diễn): dời đồng hồ cuộc thi, hoàn thành nhanh bài học.`,
    seeded ? `  Thành phố mẫu: ${seeded.value} cán bộ trong danh sách các đơn vị (DEMO_SEED=0 để tắt; xoá thư mục data/ để làm lại từ đầu).` : "  Không có dữ liệu mẫu (DEMO_SEED=0).",
    "  Nhật ký: chỉ cảnh báo và lỗi (LOG_LEVEL=info để xem từng yêu cầu).\n",
  );
  return lines.join("\n");
}
