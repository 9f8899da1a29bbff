import { useState } from "react";
import { Box, Button, Page, Text, useParams } from "zmp-ui";
import { ROLES, type Role } from "../../../domain/auth/auth.schema";
import { peopleEndpoints } from "../../../domain/people/people.endpoints";
import type { PersonDetail } from "../../../domain/people/people.schema";
import { quizOverridesEndpoints } from "../../../domain/quiz/overrides.endpoints";
import type { FocusEventsResponse } from "../../../domain/quiz/overrides.schema";
import type { AttemptSummary } from "../../../domain/quiz/quiz.schema";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { TextField } from "../../shared/components/text-field";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useSession } from "../../shared/state/session-state";
import { OVERRIDE_TEXT, ROLE_TEXT } from "./people-texts";
import { ReasonDialog } from "./reason-dialog";
import { OrganizersOnly } from "../../shared/components/page-layout";

type Ask =
  | { kind: "time" | "reopen" | "void"; attempt: AttemptSummary }
  | { kind: "extra" }
  | { kind: "role"; role: Role; unitCode: string }
  | { kind: "merge"; mergeId: string };

const STATUS: Record<AttemptSummary["status"], string> = { active: "Đang làm", submitted: "Đã nộp", expired: "Hết giờ", void: "Đã hủy kết quả" };
const vn = (iso: string) => new Date(iso).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" });

function dialogText(a: Ask): { title: string; description: string; confirmText: string; minutes?: boolean } {
  switch (a.kind) {
    case "time":
      return { title: `Cộng giờ cho lượt ${a.attempt.number}`, description: "Hạn nộp được lùi thêm số phút dưới đây.", confirmText: "Cộng giờ", minutes: true };
    case "reopen":
      return { title: `Mở lại lượt ${a.attempt.number}`, description: "Chỉ khi sự cố (mất điện, mất mạng) đã được xác minh. Bài mở lại từ bây giờ, giữ các câu đã trả lời.", confirmText: "Mở lại", minutes: true };
    case "void":
      return { title: `Hủy kết quả lượt ${a.attempt.number}`, description: "Chỉ khi gian lận đã được xác minh. Lượt này không còn được tính ở đâu cả (điểm, xếp hạng, phân tích câu hỏi).", confirmText: "Hủy kết quả" };
    case "extra":
      return { title: "Thêm một lượt thi", description: "Người này được làm thêm một lượt ngoài số lượt của thể lệ.", confirmText: "Thêm lượt" };
    case "role":
      return { title: `Đổi vai trò thành “${ROLE_TEXT[a.role]}”`, description: "Việc đổi vai trò được ghi vào nhật ký.", confirmText: "Đổi vai trò" };
    case "merge":
      return { title: "Gộp tài khoản", description: `Mọi tiến độ, bài thi, hộp thư của tài khoản ${a.mergeId} chuyển vào tài khoản này. Không thể hoàn tác.`, confirmText: "Gộp" };
  }
}

function FocusLog({ data }: { data: FocusEventsResponse }) {
  return (
    <section aria-label="Nhật ký rời ứng dụng" className="mt-2 advisory">
      <Text bold>Chỉ để tham khảo — không tự động trừ điểm ai.</Text>
      <Text size="small">{data.note}</Text>
      <Text className="mt-1">
        Rời ứng dụng {data.pausedCount} lần, tổng {Math.round(data.awaySeconds / 60)} phút {data.awaySeconds % 60} giây.
      </Text>
      <ul>
        {data.events.map((e, i) => (
          <li key={i}>
            {e.kind === "paused" ? "Rời ứng dụng" : "Quay lại"} lúc {vn(e.at)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function AttemptRow({ a, onAsk }: { a: AttemptSummary; onAsk: (x: Ask) => void }) {
  const [focus, setFocus] = useState<FocusEventsResponse | null>(null);
  const load = useAction(async () => setFocus(await call(quizOverridesEndpoints.focusEvents, { params: { id: a.id } })));
  return (
    <li className="attempt-row">
      <Text bold>
        Lượt {a.number}: {STATUS[a.status]}
        {a.score !== null && a.status !== "void" ? ` · ${a.score} điểm` : ""}
      </Text>
      <Text size="small">Bắt đầu {vn(a.startedAt)} · hạn {vn(a.dueAt)}</Text>
      <div className="chip-row mt-1">
        {a.status === "active" ? (
          <Button size="small" variant="secondary" onClick={() => onAsk({ kind: "time", attempt: a })}>
            Cộng giờ
          </Button>
        ) : null}
        {a.status === "expired" ? (
          <Button size="small" variant="secondary" onClick={() => onAsk({ kind: "reopen", attempt: a })}>
            Mở lại
          </Button>
        ) : null}
        {a.status !== "void" ? (
          <Button size="small" variant="secondary" onClick={() => onAsk({ kind: "void", attempt: a })}>
            Hủy kết quả
          </Button>
        ) : null}
        <Button size="small" variant="tertiary" loading={load.busy} onClick={() => void load.run()}>
          Nhật ký rời ứng dụng
        </Button>
      </div>
      {focus ? <FocusLog data={focus} /> : null}
    </li>
  );
}

function PersonView({ d, onAsk }: { d: PersonDetail; onAsk: (x: Ask) => void }) {
  const [role, setRole] = useState<Role>(d.person.role);
  const [unitCode, setUnitCode] = useState(d.person.unitCode ?? "");
  const [mergeId, setMergeId] = useState("");
  const p = d.person;
  return (
    <>
      <Text.Title size="xLarge" role="heading" aria-level={1}>
        {p.fullName ?? p.zaloName ?? "(chưa có tên)"}
      </Text.Title>
      <Text className="mt-1">
        {p.phone ?? "Chưa xác minh SĐT"} · {p.unitName ?? p.unitCode ?? "Chưa có đơn vị"} · {ROLE_TEXT[p.role]}
      </Text>
      {p.mergedInto ? <Text className="mt-1">Tài khoản này đã được gộp vào {p.mergedInto}.</Text> : null}
      <section aria-label="Tiến độ" className="mt-3">
        <Text>
          Bài học: {d.progress.lessonsDone}/{d.progress.lessonsTotal} · Bài kiểm tra: {d.progress.testDone ? `đã làm, điểm tính ${d.progress.countedScore ?? "—"}` : "chưa làm"}
        </Text>
        <Text>Danh sách đơn vị: {d.roster ? `${d.roster.unitName ?? d.roster.unitCode} (${d.roster.fullName})` : "chưa khớp"}</Text>
        <Text>
          Hoạt động gần nhất: {vn(d.sessions.lastActiveAt)} · đăng nhập qua {d.sessions.signIn === "zalo" ? "Zalo" : "tài khoản thử"}
        </Text>
      </section>
      <section aria-label="Bài thi" className="mt-3">
        <Text.Title size="large">Bài thi</Text.Title>
        {d.test.attempts.length === 0 ? <Text>Chưa có lượt nào.</Text> : null}
        <ul>
          {d.test.attempts.map((a) => (
            <AttemptRow key={a.id} a={a} onAsk={onAsk} />
          ))}
        </ul>
        <Button className="mt-2" fullWidth variant="secondary" onClick={() => onAsk({ kind: "extra" })}>
          Thêm một lượt thi
        </Button>
        {d.test.overrides.length ? (
          <ul aria-label="Điều chỉnh đã làm" className="mt-2">
            {d.test.overrides.map((o) => (
              <li key={o.id}>
                {OVERRIDE_TEXT[o.kind]}
                {o.attemptNumber ? ` (lượt ${o.attemptNumber})` : ""} — {o.reason}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-label="Vai trò" className="mt-3">
        <Text.Title size="large">Vai trò</Text.Title>
        <label>
          <span>Vai trò mới</span>
          <select aria-label="Vai trò mới" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_TEXT[r]}
              </option>
            ))}
          </select>
        </label>
        {role === "unit_lead" ? <TextField label="Mã đơn vị" value={unitCode} onChange={(e) => setUnitCode(e.target.value)} /> : null}
        <Button className="mt-2" fullWidth variant="secondary" disabled={role === p.role} onClick={() => onAsk({ kind: "role", role, unitCode: unitCode.trim() })}>
          Đổi vai trò
        </Button>
      </section>
      <section aria-label="Gộp tài khoản" className="mt-3">
        <Text.Title size="large">Gộp tài khoản trùng</Text.Title>
        <TextField label="Mã tài khoản cần gộp vào đây" value={mergeId} onChange={(e) => setMergeId(e.target.value)} />
        <Button className="mt-2" fullWidth variant="secondary" disabled={!mergeId.trim()} onClick={() => onAsk({ kind: "merge", mergeId: mergeId.trim() })}>
          Gộp vào tài khoản này
        </Button>
      </section>
    </>
  );
}

/** Organisers: one person — progress, attempts with the override buttons, role, merge. Every action asks for a reason. */
export function PersonPage() {
  const { user } = useSession();
  const { id = "" } = useParams();
  const notify = useNotify();
  const result = useApi(peopleEndpoints.person, user?.role === "organizer" ? { params: { id } } : null);
  const [ask, setAsk] = useState<Ask | null>(null);
  const act = useAction(async (a: Ask, v: { reason: string; minutes: number }) => {
    const { reason, minutes } = v;
    if (a.kind === "time") await call(quizOverridesEndpoints.extraTime, { params: { id: a.attempt.id }, body: { minutes, reason } });
    if (a.kind === "reopen") await call(quizOverridesEndpoints.reopen, { params: { id: a.attempt.id }, body: { minutes, reason } });
    if (a.kind === "void") await call(quizOverridesEndpoints.void, { params: { id: a.attempt.id }, body: { reason } });
    if (a.kind === "extra") await call(quizOverridesEndpoints.extraAttempt, { params: { userId: id }, body: { reason } });
    if (a.kind === "role") await call(peopleEndpoints.setRole, { params: { id }, body: { role: a.role, reason, ...(a.unitCode ? { unitCode: a.unitCode } : {}) } });
    if (a.kind === "merge") await call(peopleEndpoints.merge, { body: { keepId: id, mergeId: a.mergeId, reason } });
    setAsk(null);
    notify.success("Đã ghi nhận.");
    await result.reload();
  });
  if (user?.role !== "organizer") return <OrganizersOnly />;
  return (
    <Page className="page person">
      <Box p={4}>
        <LoadState {...result}>{(d) => <PersonView key={`${d.person.role}:${d.person.unitCode}`} d={d} onAsk={setAsk} />}</LoadState>
        {ask ? <ReasonDialog {...dialogText(ask)} busy={act.busy} onCancel={() => setAsk(null)} onConfirm={(v) => void act.run(ask, v)} /> : null}
      </Box>
    </Page>
  );
}
