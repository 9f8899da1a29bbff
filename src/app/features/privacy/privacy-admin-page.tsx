import { useState } from "react";
import { Box, Button, Switch, Text } from "zmp-ui";
import { privacyEndpoints } from "../../../domain/privacy/privacy.endpoints";
import type { PrivacyRequest } from "../../../domain/privacy/privacy.schema";
import { formatVnDate, formatVnDateTime } from "../../../domain/shared/time";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { ChoiceChips } from "../../shared/components/choice-chips";
import { LoadState } from "../../shared/components/load-state";
import { OrganizersOnly, TitledPage } from "../../shared/components/page-layout";
import { TextField } from "../../shared/components/text-field";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useSession } from "../../shared/state/session-state";
import { KIND_LABEL, STATUS_LABEL } from "./privacy-labels";

const REQUEST_FILTERS = [{ value: "pending", label: "Đang chờ" }, { value: "all", label: "Tất cả" }] as const;

function RequestCard({ q, onDone }: { q: PrivacyRequest; onDone: () => Promise<void> }) {
  const notify = useNotify();
  const [response, setResponse] = useState("");
  const [fullName, setFullName] = useState("");
  const decide = useAction(async (action: "complete" | "reject") => {
    const corrections = q.kind === "correct" && action === "complete" && fullName.trim() ? { fullName: fullName.trim() } : undefined;
    await call(privacyEndpoints.decide, { params: { id: q.id }, body: { action, response: response.trim(), corrections } });
    notify.success(action === "complete" ? "Đã xử lý yêu cầu." : "Đã từ chối yêu cầu.");
    await onDone();
  });
  return (
    <li className="card mt-2">
      <Text bold>
        {KIND_LABEL[q.kind]} — {q.userName ?? "(không tên)"} {q.unitCode ? `(${q.unitCode})` : ""}
      </Text>
      <Text size="small" className={q.overdue ? "error-text" : undefined}>
        Gửi {formatVnDateTime(q.createdAt)} · hạn {formatVnDate(q.dueAt)}
        {q.overdue ? " · QUÁ HẠN" : ""} · {STATUS_LABEL[q.status]}
      </Text>
      {q.note ? <Text size="small">Ghi chú: {q.note}</Text> : null}
      {q.status === "pending" ? (
        <>
          {q.kind === "correct" ? <TextField className="mt-2" label="Họ tên đúng (nếu cần sửa)" value={fullName} onChange={(e) => setFullName(e.target.value)} /> : null}
          <TextField className="mt-2" label="Trả lời người yêu cầu" value={response} onChange={(e) => setResponse(e.target.value)} />
          <div className="chip-row mt-2">
            <Button size="small" loading={decide.busy} disabled={response.trim().length < 3} onClick={() => void decide.run("complete")}>
              {q.kind === "delete" ? "Xoá (ẩn danh) dữ liệu" : "Đã sửa"}
            </Button>
            <Button size="small" variant="secondary" disabled={decide.busy || response.trim().length < 3} onClick={() => void decide.run("reject")}>
              Từ chối
            </Button>
          </div>
        </>
      ) : (
        <Text size="small">
          {q.decidedByName ?? "—"}: {q.response}
        </Text>
      )}
    </li>
  );
}

function Settings() {
  const settings = useApi(privacyEndpoints.settings);
  const toggle = useAction(async (on: boolean) => settings.setData(await call(privacyEndpoints.updateSettings, { body: { reportStaffPhones: on } })));
  return (
    <LoadState {...settings}>
      {(s) => (
        <Box className="card mt-3">
          <Switch label="Xuất số điện thoại cán bộ trong báo cáo đơn vị" checked={s.reportStaffPhones} disabled={toggle.busy} onChange={(e) => void toggle.run(e.target.checked)} />
          <Text size="small" className="muted mt-1">
            Mặc định tắt (tối thiểu hoá dữ liệu): chỉ bật khi thật sự cần liên lạc.
          </Text>
        </Box>
      )}
    </LoadState>
  );
}

function Retention() {
  const report = useApi(privacyEndpoints.retentionReport);
  const notify = useNotify();
  const run = useAction(async () => {
    report.setData(await call(privacyEndpoints.retentionRun));
    notify.success("Đã ẩn danh dữ liệu cá nhân theo thời hạn lưu trữ.");
  });
  return (
    <LoadState {...report}>
      {(r) => (
        <section className="card mt-3" aria-labelledby="retention-title">
          <Text.Title id="retention-title" size="normal">
            Thời hạn lưu trữ
          </Text.Title>
          <Text size="small">
            Ẩn danh từ {formatVnDateTime(r.dueAt)} {r.due ? "(đã đến hạn)" : "(chưa đến hạn)"}
            {r.lastRunAt ? ` · lần chạy gần nhất ${formatVnDateTime(r.lastRunAt)}` : ""}
          </Text>
          <Text size="small">
            Sẽ ẩn danh: {r.counts.people} tài khoản, {r.counts.rosterEntries} dòng danh sách cán bộ, {r.counts.claims} yêu cầu gia nhập, {r.counts.inboxMessages} thông báo,{" "}
            {r.counts.requests} ghi chú yêu cầu.
          </Text>
          <Button className="mt-2" size="small" variant="secondary" disabled={!r.due} loading={run.busy} onClick={() => void run.run()}>
            Chạy ẩn danh ngay
          </Button>
        </section>
      )}
    </LoadState>
  );
}

/** Organisers: people's data requests with their deadlines, the retention dry run, and report minimisation. */
export function PrivacyAdminPage() {
  const { user } = useSession();
  const [status, setStatus] = useState<"pending" | "all">("pending");
  const requests = useApi(privacyEndpoints.requests, user?.role === "organizer" ? { query: { status } } : null);
  if (user?.role !== "organizer") return <OrganizersOnly />;
  return (
    <TitledPage className="page privacy-admin" title="Dữ liệu cá nhân">
      <Settings />
      <Retention />
      <ChoiceChips label="Yêu cầu" className="mt-4" value={status} options={REQUEST_FILTERS} onChange={setStatus} />
      <LoadState {...requests}>
        {(r) => (
          <>
            <Text size="small" className="mt-2">
              Mỗi yêu cầu phải được trả lời trong {r.responseDays} ngày.
            </Text>
            <ul className="item-list">
              {r.requests.map((q) => (
                <RequestCard key={q.id} q={q} onDone={requests.reload} />
              ))}
            </ul>
            {r.requests.length === 0 ? <Text className="mt-2">Không có yêu cầu nào.</Text> : null}
          </>
        )}
      </LoadState>
    </TitledPage>
  );
}
