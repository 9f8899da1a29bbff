import { useEffect, useState } from "react";
import { Box, Button, Icon, Modal, Page, Text, useNavigate } from "zmp-ui";
import type { StageResultResponse } from "../../../domain/ranking/ranking.schema";
import { reportsEndpoints } from "../../../domain/reports/reports.endpoints";
import { formatVnDateTime } from "../../../domain/shared/time";
import { stagesEndpoints } from "../../../domain/stages/stages.endpoints";
import { ApiRequestError } from "../../shared/api/api-client";
import { call, urlOf } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { TextField } from "../../shared/components/text-field";
import { paths } from "../../shared/config/paths";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useServerNow } from "../../shared/state/server-clock";
import { useSession } from "../../shared/state/session-state";
import { GrantLead } from "./grant-lead";
import { PendingRosterChanges } from "./roster-changes";
import { SnapshotCsvButton } from "./snapshot-csv-button";
import { downloadApiFile } from "../../shared/api/transfer";
import { fmtPct, fmtScore } from "./units-texts";

const ACTION_LABEL: Record<string, string> = {
  "roster.import": "Nhập danh sách cán bộ",
  "roster.change_requested": "Gửi danh sách mới chờ duyệt",
  "roster.change_approved": "Duyệt danh sách mới",
  "roster.change_rejected": "Từ chối danh sách mới",
  "unit.headcount_set": "Nhập số cán bộ chính thức",
  "claim.approve": "Đồng ý đề nghị vào danh sách",
  "claim.reject": "Từ chối đề nghị vào danh sách",
  "role.grant_from_roster": "Cấp quyền lãnh đạo theo danh sách",
  "people.role_granted": "Cấp vai trò",
  "people.role_revoked": "Thu hồi vai trò",
  "stage.close": "Chốt kết quả Giai đoạn 1",
  "qualifiers.confirm": "Xác nhận đơn vị vào Giai đoạn 2",
};

function StageClose({ result, onChanged }: { result: StageResultResponse; onChanged: (r: StageResultResponse) => void }) {
  const notify = useNotify();
  const now = useServerNow(30_000);
  const [ask, setAsk] = useState(false);
  const open = now.getTime() <= Date.parse(result.stageClosesAt);
  const snap = result.snapshot;

  const closing = useAction(async () => {
    const r = await call(stagesEndpoints.close, { params: { stageId: "stage1" } });
    notify.success(r.alreadyClosed ? "Giai đoạn 1 đã được chốt trước đó; kết quả giữ nguyên." : "Đã chốt kết quả Giai đoạn 1.");
    onChanged(r);
  });
  const busy = closing.busy;
  const close = async () => {
    setAsk(false);
    await closing.run();
  };

  return (
    <section className="card" aria-labelledby="close-title">
      <Text.Title id="close-title" size="large">
        Chốt kết quả Giai đoạn 1
      </Text.Title>
      {snap ? (
        <>
          <Text className="mt-2">
            Đã chốt lúc {formatVnDateTime(snap.closedAt)}
            {snap.closedByName ? ` bởi ${snap.closedByName}` : ""}; tính hoạt động đến {formatVnDateTime(snap.cutoff)}.
          </Text>
          <Text size="small" className="mt-2">
            Mã kiểm tra SHA-256 của tệp CSV công bố (gửi kèm khi công bố để mọi người đối chiếu):
          </Text>
          <code className="hash" aria-label="Mã SHA-256">
            {snap.sha256}
          </code>
          <SnapshotCsvButton />
        </>
      ) : (
        <>
          <Text className="mt-2">
            {open ? `Giai đoạn 1 kết thúc lúc ${formatVnDateTime(result.stageClosesAt)}. Chỉ chốt được sau thời điểm này.` : "Giai đoạn 1 đã kết thúc. Chốt để tính bảng xếp hạng cuối cùng một lần và công bố."}
          </Text>
          <Button className="mt-3" fullWidth disabled={open || busy} loading={busy} onClick={() => setAsk(true)}>
            Chốt kết quả Giai đoạn 1
          </Button>
        </>
      )}
      <Modal
        visible={ask}
        title="Chốt kết quả Giai đoạn 1?"
        description="Bảng xếp hạng được tính một lần và lưu cố định, kèm mã SHA-256 để công bố. Không thể tính lại sau khi chốt."
        onClose={() => setAsk(false)}
        actions={[
          { text: "Huỷ", close: true },
          { text: "Chốt kết quả", highLight: true, onClick: () => void close() },
        ]}
      />
    </section>
  );
}

function Qualifiers({ result, onChanged }: { result: StageResultResponse; onChanged: (r: StageResultResponse) => void }) {
  const notify = useNotify();
  const snap = result.snapshot;
  const proposed = result.proposed;
  const initial = result.confirmation?.unitCodes ?? (proposed ? [...proposed.communes, ...proposed.departments] : []);
  const [selected, setSelected] = useState<string[]>(initial);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const confirming = useAction(
    async () => {
      setReasonError(undefined);
      const r = await call(stagesEndpoints.confirmQualifiers, { params: { stageId: "stage1" }, body: { unitCodes: selected, reason: reason.trim() || undefined } });
      notify.success("Đã ghi nhận danh sách đơn vị vào Giai đoạn 2.");
      setReason("");
      onChanged(r);
    },
    { onError: (err) => err instanceof ApiRequestError && err.fields?.reason && setReasonError(err.fields.reason) },
  );
  const busy = confirming.busy;
  const initialKey = initial.join("|");
  useEffect(() => setSelected(initialKey ? initialKey.split("|") : []), [initialKey]);
  if (!snap || !proposed) return null;

  const proposedSet = new Set([...proposed.communes, ...proposed.departments]);
  const changed = selected.length !== proposedSet.size || selected.some((c) => !proposedSet.has(c));
  const candidates = [...snap.boards.commune.filter((u) => u.rank !== null).slice(0, 20), ...snap.boards.department.filter((u) => u.rank !== null).slice(0, 5)];
  const toggle = (code: string) => setSelected((s) => (s.includes(code) ? s.filter((c) => c !== code) : [...s, code]));

  const confirm = confirming.run;

  return (
    <section className="card mt-4" aria-labelledby="qualifiers-title">
      <Text.Title id="qualifiers-title" size="large">
        Đơn vị vào Giai đoạn 2
      </Text.Title>
      <Text size="small" className="muted mt-1">
        Đề xuất từ bảng chốt: {proposed.communes.length} xã, phường, đặc khu và {proposed.departments.length} sở, ngành dẫn đầu. Thay đổi so với đề xuất cần ghi lý do; mọi xác nhận được lưu vào nhật ký.
      </Text>
      {result.confirmation ? (
        <Text size="small" className="banner banner-ok">
          Đã xác nhận lúc {formatVnDateTime(result.confirmation.confirmedAt)}
          {result.confirmation.confirmedByName ? ` bởi ${result.confirmation.confirmedByName}` : ""}
          {result.confirmation.reason ? ` — lý do: ${result.confirmation.reason}` : ""}
        </Text>
      ) : null}
      <ul className="qualifier-list" aria-label="Chọn đơn vị vào Giai đoạn 2">
        {candidates.map((u) => (
          <li key={u.unitCode}>
            <label className="check-row">
              <input type="checkbox" checked={selected.includes(u.unitCode)} onChange={() => toggle(u.unitCode)} />
              <span>
                {u.rank}. {u.fullName} — {fmtScore(u.composite)} điểm ({fmtPct(u.participationPct)})
                {proposedSet.has(u.unitCode) ? <span className="chip chip-open">Đề xuất</span> : null}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {changed || result.confirmation ? (
        <TextField className="mt-2" label="Lý do thay đổi" value={reason} onChange={(e) => setReason(e.target.value)} status={reasonError ? "error" : undefined} errorText={reasonError} />
      ) : null}
      <Button className="mt-3" fullWidth loading={busy} onClick={() => void confirm()}>
        Xác nhận {selected.length} đơn vị
      </Button>
    </section>
  );
}

function AuditLog() {
  const audit = useApi(reportsEndpoints.audit, { query: { limit: 30 } });
  return (
    <section className="card mt-4" aria-labelledby="audit-title">
      <Text.Title id="audit-title" size="large">
        Nhật ký thao tác
      </Text.Title>
      <LoadState {...audit}>
        {({ entries }) => (
          <ol className="audit">
            {entries.length === 0 ? <li className="muted">Chưa có thao tác nào.</li> : null}
            {entries.map((e) => (
              <li key={e.id}>
                <Text size="small">
                  <strong>{formatVnDateTime(e.at)}</strong> — {ACTION_LABEL[e.action] ?? e.action} ({e.subjectName ?? e.subject}){e.actorName ? `, ${e.actorName}` : ""}
                  {typeof e.details.reason === "string" && e.details.reason ? ` — lý do: ${e.details.reason}` : ""}
                </Text>
              </li>
            ))}
          </ol>
        )}
      </LoadState>
    </section>
  );
}

/** The organiser's desk: close Stage 1, confirm qualifiers, city-wide report, unit leads, audit log. */
export function OrganizerPage() {
  const { user, session } = useSession();
  const navigate = useNavigate();
  const result = useApi(stagesEndpoints.result, user?.role === "organizer" ? { params: { stageId: "stage1" } } : null);
  const [override, setOverride] = useState<StageResultResponse | null>(null);
  const cityReport = useAction(() =>
    downloadApiFile({
      path: urlOf(reportsEndpoints.cityReport),
      link: () => call(reportsEndpoints.cityReportLink),
      fileName: "bao-cao-toan-thanh-pho.xlsx",
      token: session?.token ?? null,
    }),
  );
  if (user?.role !== "organizer") {
    return (
      <Page className="page organizer">
        <Box p={4} role="alert">
          <Text>Trang này dành cho Ban tổ chức.</Text>
        </Box>
      </Page>
    );
  }
  return (
    <Page className="page organizer">
      <Box p={4}>
        <Text.Title size="xLarge" role="heading" aria-level={1}>
          Ban tổ chức
        </Text.Title>
        <Box mt={3}>
          <LoadState {...result}>
            {(r) => {
              const current = override ?? r;
              return (
                <>
                  <StageClose result={current} onChanged={setOverride} />
                  <Qualifiers result={current} onChanged={setOverride} />
                </>
              );
            }}
          </LoadState>
        </Box>
        <Button className="mt-4" fullWidth variant="secondary" loading={cityReport.busy} prefixIcon={<Icon icon="zi-download" />} onClick={() => void cityReport.run()}>
          Báo cáo toàn thành phố (.xlsx)
        </Button>
        <Button className="mt-3" fullWidth variant="secondary" onClick={() => navigate(paths.itemAnalysis.getHref())}>
          Phân tích câu hỏi
        </Button>
        <Button className="mt-3" fullWidth variant="secondary" onClick={() => navigate(paths.questionBank.getHref())}>
          Ngân hàng câu hỏi
        </Button>
        <Button className="mt-3" fullWidth variant="secondary" onClick={() => navigate(paths.people.getHref())}>
          Tra cứu cán bộ
        </Button>
        <PendingRosterChanges />
        <GrantLead />
        <AuditLog />
      </Box>
    </Page>
  );
}
