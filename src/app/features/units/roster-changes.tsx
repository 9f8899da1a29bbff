import { useState } from "react";
import { Button, Text } from "zmp-ui";
import { formatVnDateTime } from "../../../domain/shared/time";
import type { RosterChange } from "../../../domain/units/roster-changes.schema";
import { unitsEndpoints } from "../../../domain/units/units.endpoints";
import { REASON_MIN } from "../../../domain/quiz/overrides.schema";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { TextField } from "../../shared/components/text-field";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { fmtInt } from "./units-texts";
import { Card } from "../../shared/components/page-layout";

/** What the held file would do, in one line a person can check against their list. */
function ChangeSummary({ c }: { c: RosterChange }) {
  const p = c.preview;
  return (
    <Text className="mt-1">
      Tệp “{c.fileName}”{c.requestedByName ? ` do ${c.requestedByName} gửi` : ""} lúc {formatVnDateTime(c.requestedAt)}. Danh sách {fmtInt(c.rosterSizeBefore)} → {fmtInt(p.rosterSize)} người
      (thêm {fmtInt(p.created)}, cập nhật {fmtInt(p.updated)}
      {c.replace ? `, xoá ${fmtInt(p.removed)}` : ""}).
    </Text>
  );
}

/** Organisers: approve or reject one held change, with the reason the audit log keeps. */
function DecideChange({ c, onDecided }: { c: RosterChange; onDecided: () => void }) {
  const notify = useNotify();
  const [reason, setReason] = useState("");
  const decision = useAction(async (approve: boolean) => {
    await call(unitsEndpoints.decideRosterChange, { params: { id: c.id }, body: { approve, reason: reason.trim() } });
    notify.success(approve ? `Đã duyệt danh sách mới của ${c.unitName}.` : `Đã từ chối danh sách mới của ${c.unitName}.`);
    setReason("");
    onDecided();
  });
  const ready = reason.trim().length >= REASON_MIN && !decision.busy;
  return (
    <>
      <TextField className="mt-2" label="Lý do duyệt hoặc từ chối (ghi vào nhật ký)" value={reason} onChange={(e) => setReason(e.target.value)} />
      <div className="claim-actions">
        <Button size="small" disabled={!ready} loading={decision.busy} onClick={() => void decision.run(true)}>
          Duyệt
        </Button>
        <Button size="small" variant="secondary" disabled={!ready} onClick={() => void decision.run(false)}>
          Từ chối
        </Button>
      </div>
    </>
  );
}

/** The unit page: the unit's latest held change — waiting for the organisers, or how it was decided. */
export function RosterChangeStatus({ change, canDecide, onDecided }: { change: RosterChange | null; canDecide: boolean; onDecided: () => void }) {
  if (!change) return null;
  const decided = change.decidedAt ? formatVnDateTime(change.decidedAt) : "";
  const title =
    change.status === "pending"
      ? "Danh sách mới đang chờ ban tổ chức duyệt"
      : change.status === "approved"
        ? `Ban tổ chức đã duyệt danh sách mới (${decided})`
        : `Ban tổ chức không duyệt danh sách mới (${decided})`;
  return (
    <section className="card mt-4" aria-labelledby="roster-change-title">
      <Text.Title id="roster-change-title" size="large">
        {title}
      </Text.Title>
      <ChangeSummary c={change} />
      {change.status === "pending" ? <Text className="mt-1">Tỷ lệ tham gia vẫn tính trên danh sách hiện tại cho đến khi được duyệt.</Text> : null}
      {change.reason ? <Text className="mt-1">Lý do: {change.reason}</Text> : null}
      {canDecide && change.status === "pending" ? <DecideChange c={change} onDecided={onDecided} /> : null}
    </section>
  );
}

/** The organiser page: every unit's held change, oldest first. */
export function PendingRosterChanges() {
  const list = useApi(unitsEndpoints.rosterChanges);
  return (
    <Card id="pending-changes-title" title="Danh sách cán bộ chờ duyệt">
      <Text className="mt-1">Sau ngày khoá danh sách, danh sách lãnh đạo đơn vị gửi chỉ được áp dụng khi Ban tổ chức duyệt.</Text>
      <LoadState {...list}>
        {({ changes }) => (
          <ul className="claims">
            {changes.length === 0 ? <li className="muted">Không có danh sách nào chờ duyệt.</li> : null}
            {changes.map((c) => (
              <li key={c.id} className="claim">
                <Text bold>{c.unitName}</Text>
                <ChangeSummary c={c} />
                <DecideChange c={c} onDecided={() => void list.reload()} />
              </li>
            ))}
          </ul>
        )}
      </LoadState>
    </Card>
  );
}
