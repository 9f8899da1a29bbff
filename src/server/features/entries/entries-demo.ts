import { Readable } from "node:stream";
import type { EntryRound } from "../../../domain/entries/entries.config";
import { AppError } from "../../shared/app-error";
import { canManageUnit } from "../../shared/unit-authz";
import { findUserById, isDemoAccount, type UserRow } from "../auth";
import { recordAudit } from "../../shared/audit";
import { newPdf, wrap } from "../../shared/pdf";
import { type Ctx, unitOf } from "./entries-access";
import { inviteFor } from "./entries-inbox";
import { joinByInvite, saveDraft, submitEntry } from "./entries.service";
import { eligibleUnitCodes, findEntry, leadsOfUnits } from "./entries.repository";
import type { EntryRow } from "./entries.table";
import { acceptUpload } from "./entry-uploads";

/**
 * Demo only (AUTH_DEV): let a newcomer's unit into a round with one tap, so `npm start` can play a
 * qualified unit's lead while Stage 1 is still open. Adds a qualifier confirmation (latest wins),
 * audited; refused outside the demo sign-in mode.
 */
export async function demoQualify(ctx: Ctx, user: UserRow, round: EntryRound): Promise<string[]> {
  if (!ctx.env.AUTH_DEV) throw new AppError(403, "FORBIDDEN", "Demo only");
  if (!user.unitCode || !canManageUnit(user, user.unitCode)) throw new AppError(403, "FORBIDDEN", "A unit lead or organiser with a unit");
  const stage = round.eligible.fromStage;
  const codes = await eligibleUnitCodes(ctx.db, stage);
  if (codes.includes(user.unitCode)) return codes;
  const next = [...codes, user.unitCode];
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("qualifierConfirmations")
      .values({ id: `${stage}-demo-${now.getTime()}-${user.unitCode}`, stageId: stage, unitCodes: JSON.stringify(next), proposed: "{}", changed: 1, reason: "Bản trình diễn: mở vòng nộp sản phẩm cho đơn vị", confirmedBy: user.id, confirmedAt: now.toISOString() })
      .execute();
    await recordAudit(trx, { actorId: user.id, action: "entries.demo.qualify", subject: `${round.id}/${user.unitCode}`, details: { stage, unitCodes: next } }, now);
  });
  return next;
}

const TITLES = [
  "Trợ lý AI trả lời thủ tục hành chính cho người dân",
  "Tóm tắt văn bản đến bằng AI cho bộ phận văn thư",
  "Chatbot hướng dẫn hồ sơ đất đai một cửa",
  "AI soạn thảo báo cáo tuần từ số liệu phần mềm một cửa",
  "Nhận dạng giấy tờ và điền sẵn biểu mẫu cho bộ phận tiếp nhận",
  "Phân loại phản ánh, kiến nghị của người dân bằng AI",
  "Tra cứu văn bản quy phạm pháp luật bằng trợ lý ảo",
  "Tự động lập biên bản họp từ ghi âm",
  "Dự báo lượng hồ sơ để bố trí cán bộ một cửa",
  "AI hỗ trợ thẩm định hồ sơ xây dựng nhà ở riêng lẻ",
  "Bảng điều khiển chỉ số cải cách hành chính có AI giải thích",
  "Dịch và tóm tắt tài liệu nước ngoài cho cán bộ",
];

/** Plausible Vietnamese text for one form field (the pack decides the fields, so by key and type). */
function fieldValue(key: string, type: string, maxLength: number, title: string, unitName: string): string {
  const byKey: Record<string, string> = {
    title,
    summary: `${unitName} dùng công cụ AI để rút ngắn thời gian xử lý công việc lặp lại; sản phẩm đã chạy thử ba tháng tại bộ phận một cửa.`,
    problem: "Cán bộ mất nhiều giờ mỗi tuần để tra cứu, tổng hợp và trả lời những câu hỏi giống nhau của người dân.",
    aiTools: "Trợ lý AI tạo sinh dùng chung của thành phố, kèm kho văn bản nội bộ đã được rà soát.",
    method: "Thu thập câu hỏi thường gặp, xây dựng bộ câu lệnh mẫu, thử nghiệm với 5 cán bộ, rồi mở rộng cho cả đơn vị; mọi câu trả lời đều được cán bộ kiểm tra trước khi gửi.",
    hoursSaved: "120",
    results: "Thời gian trả lời trung bình giảm từ 2 ngày xuống 4 giờ; người dân hài lòng hơn theo khảo sát của đơn vị.",
    replication: "Có thể nhân rộng cho các xã, phường khác với chi phí thấp.",
    presenters: "Đồng chí Chủ tịch UBND và một cán bộ bộ phận một cửa.",
    updates: "Bổ sung số liệu ba tháng gần nhất.",
  };
  const v = byKey[key] ?? (type === "number" ? "100" : type === "url" ? "https://example.gov.vn/san-pham" : `Nội dung ${key} của ${unitName}.`);
  return v.slice(0, maxLength);
}

/** One small PDF naming the entry (DejaVu has every Vietnamese diacritic). */
async function samplePdf(title: string, unitName: string): Promise<Buffer> {
  const { doc, regular, bold } = await newPdf(title);
  const page = doc.addPage([595, 842]);
  page.drawText("Thuyết minh sản phẩm (bản trình diễn)", { x: 50, y: 780, size: 16, font: bold });
  let y = 750;
  for (const line of [...wrap(title, regular, 13, 495), unitName, "Tài liệu mẫu do bản trình diễn tạo ra, không phải hồ sơ thật."]) {
    page.drawText(line, { x: 50, y, size: 13, font: regular });
    y -= 20;
  }
  return Buffer.from(await doc.save());
}

/**
 * Demo only (AUTH_DEV): every eligible unit of an open round, except those a demo account leads
 * (the newcomer's own), gets a plausible submitted entry, made by the unit's seeded lead through
 * the same service calls a phone makes (draft, one PDF, submit). Idempotent: units with a started
 * entry are left alone.
 */
export async function seedDemoEntries(ctx: Ctx): Promise<number> {
  if (!ctx.env.AUTH_DEV) return 0;
  const now = ctx.clock.now().getTime();
  let made = 0;
  for (const round of ctx.pack.entries.rounds) {
    if (now < Date.parse(round.opens) || now > Date.parse(round.closes)) continue;
    const codes = await eligibleUnitCodes(ctx.db, round.eligible.fromStage);
    const leads = await leadsOfUnits(ctx.db, codes);
    for (const [i, code] of codes.entries()) {
      const ofUnit = leads.filter((l) => l.unitCode === code);
      const demo = await Promise.all(ofUnit.map((l) => isDemoAccount(ctx.db, l.id)));
      if (ofUnit.length === 0 || demo.some(Boolean)) continue;
      const existing = await findEntry(ctx.db, round.id, code);
      if (existing && existing.version > 0) continue;
      const lead = await findUserById(ctx.db, ofUnit[0]!.id);
      if (!lead) continue;
      const unit = unitOf(ctx, code);
      const title = TITLES[i % TITLES.length]!;
      const joined = await joinByInvite(ctx, lead, round.id, code, inviteFor(ctx, round, code, round.closes).token);
      const draft = {
        fields: Object.fromEntries(round.fields.map((f) => [f.key, fieldValue(f.key, f.type, f.maxLength, title, unit.name)])),
        videoUrl: round.videoLinkRequired ? "https://example.gov.vn/video-gioi-thieu" : "",
        representative: { fullName: lead.fullName ?? "Đại diện đơn vị", position: "Chủ tịch UBND", phone: "0912345678", email: "vanphong@example.gov.vn", consent: true, publishConsent: false },
      };
      const saved = await saveDraft(ctx, lead, round.id, code, joined.version, draft);
      const entry = (await findEntry(ctx.db, round.id, code)) as EntryRow;
      const pdf = await samplePdf(title, unit.name);
      await acceptUpload(ctx, round, entry, lead.id, Readable.from([pdf]), "thuyet-minh.pdf", () => false);
      await submitEntry(ctx, lead, round.id, code, saved.version);
      made++;
    }
  }
  return made;
}
