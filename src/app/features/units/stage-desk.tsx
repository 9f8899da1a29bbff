import { useEffect, useState } from "react";
import { Button, Modal, Text } from "zmp-ui";
import type { StageId } from "../../../domain/contest/contest.schema";
import type { StageResultResponse } from "../../../domain/ranking/ranking.schema";
import { formatVnDateTime } from "../../../domain/shared/time";
import { stagesEndpoints } from "../../../domain/stages/stages.endpoints";
import { ApiRequestError } from "../../shared/api/api-client";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { TextField } from "../../shared/components/text-field";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useServerNow } from "../../shared/state/server-clock";
import { SnapshotCsvButton } from "./snapshot-csv-button";
import { fmtPct, fmtScore } from "./units-texts";
import { Card } from "../../shared/components/page-layout";

/* The organiser's part of a stage's close: freeze the ranking once, then confirm who goes on. */

function StageClose({ result, onChanged }: { result: StageResultResponse; onChanged: (r: StageResultResponse) => void }) {
  const notify = useNotify();
  const now = useServerNow(30_000);
  const [ask, setAsk] = useState(false);
  const open = now.getTime() <= Date.parse(result.stageClosesAt);
  const snap = result.snapshot;

  const closing = useAction(async () => {
    const r = await call(stagesEndpoints.close, { params: { stageId: result.stageId } });
    notify.success(r.alreadyClosed ? "Giai đoạn 1 đã được chốt trước đó; kết quả giữ nguyên." : "Đã chốt kết quả Giai đoạn 1.");
    onChanged(r);
  });
  const busy = closing.busy;
  const close = async () => {
    setAsk(false);
    await closing.run();
  };

  return (
    <Card id="close-title" title="Chốt kết quả Giai đoạn 1" className="card">
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
          <SnapshotCsvButton stageId={result.stageId} />
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
    </Card>
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
      const r = await call(stagesEndpoints.confirmQualifiers, { params: { stageId: result.stageId }, body: { unitCodes: selected, reason: reason.trim() || undefined } });
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
    <Card id="qualifiers-title" title="Đơn vị vào Giai đoạn 2">
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
    </Card>
  );
}

/** Close the stage and confirm its qualifiers; what the server answers replaces what was loaded. */
export function StageDesk({ stageId }: { stageId: StageId }) {
  const result = useApi(stagesEndpoints.result, { params: { stageId } });
  const [override, setOverride] = useState<StageResultResponse | null>(null);
  return (
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
  );
}
