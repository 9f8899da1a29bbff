import { useState } from "react";
import { useParams } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { entriesEndpoints as E } from "../../../domain/entries/entries.endpoints";
import { formatVnDateTime } from "../../../domain/shared/time";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { TextField } from "../../shared/components/text-field";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useSession } from "../../shared/state/session-state";
import { entriesDownloads } from "./entries-client";
import { STATE_LABEL } from "./entry-state-label";

/** Organisers: every eligible unit's entry, invitations, downloads, one unit's deadline. */
export function RoundPage() {
  const { round = "" } = useParams();
  const { session } = useSession();
  const notify = useNotify();
  const state = useApi(E.overview, { params: { round } });
  const [extendUnit, setExtendUnit] = useState<string | null>(null);
  const [until, setUntil] = useState("");
  const [reason, setReason] = useState("");
  const token = session?.token ?? null;
  const download = useAction((get: () => Promise<void>) => get());

  const invite = useAction(async () => {
    const r = await call(E.invitations, { params: { round } });
    notify.success(`Đã gửi ${r.queued} lời mời mới (${r.units} đơn vị được nộp).`);
  });
  const remind = useAction(async () => {
    const r = await call(E.remind, { params: { round } });
    notify.success(`Đã nhắc ${r.queued} người của ${r.units} đơn vị chưa nộp.`);
  });
  const extend = useAction(async () => {
    if (!extendUnit) return;
    const r = await call(E.extendDeadline, { params: { round }, body: { unit: extendUnit, until: new Date(until).toISOString(), reason } });
    notify.success(`Đã gia hạn đến ${formatVnDateTime(r.deadline)}.`);
    setExtendUnit(null);
    await state.reload();
  });

  return (
    <Page className="page">
      <LoadState {...state}>
        {(o) => (
          <>
            <Box className="card">
              <Text.Title size="large">{o.round.name}</Text.Title>
              <Text className="mt-1">
                {formatVnDateTime(o.round.opens)} – {formatVnDateTime(o.round.closes)} · {o.units.filter((u) => u.status === "submitted").length}/{o.units.length} đơn vị đã nộp
              </Text>
              <Button className="mt-2" fullWidth loading={download.busy} onClick={() => void download.run(() => entriesDownloads.exportZip(round, token))}>Tải tất cả hồ sơ (ZIP)</Button>
              <Button className="mt-2" fullWidth variant="secondary" disabled={download.busy} onClick={() => void download.run(() => entriesDownloads.indexXlsx(round, token))}>Tải danh sách (Excel)</Button>
              <Button className="mt-2" fullWidth variant="tertiary" loading={invite.busy} onClick={() => void invite.run()}>Gửi lời mời tới lãnh đạo các đơn vị</Button>
              <Button className="mt-2" fullWidth variant="tertiary" loading={remind.busy} onClick={() => void remind.run()}>Nhắc các đơn vị chưa nộp</Button>
            </Box>
            {o.units.length === 0 ? <Box className="card"><Text>Chưa có danh sách đơn vị được xác nhận cho vòng này.</Text></Box> : null}
            <table className="round-table" aria-label="Tình trạng hồ sơ các đơn vị">
              <thead>
                <tr><th>Đơn vị</th><th>Trạng thái</th><th>Hoạt động gần nhất</th><th /></tr>
              </thead>
              <tbody>
                {o.units.map((u) => (
                  <tr key={u.unitCode}>
                    <td>
                      {u.unitName}
                      <div className="muted">{u.entryCode ?? ""} {u.complete ? "· đủ thông tin" : `· thiếu ${u.missing.length} mục`} · {u.fileCount} tệp</div>
                      <div className="muted">{u.contributors.join(", ")}</div>
                    </td>
                    <td>{STATE_LABEL[u.status]}</td>
                    <td>{u.lastActivityAt ? formatVnDateTime(u.lastActivityAt) : "—"}<div className="muted">Hạn {formatVnDateTime(u.deadline)}</div></td>
                    <td>
                      {u.status === "submitted" ? <Button size="small" variant="tertiary" disabled={download.busy} onClick={() => void download.run(() => entriesDownloads.exportZip(round, token, u.unitCode))}>Tải</Button> : null}
                      <Button size="small" variant="tertiary" onClick={() => setExtendUnit(u.unitCode)}>Gia hạn</Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {extendUnit ? (
              <Box className="card form">
                <Text.Title>Gia hạn cho {extendUnit}</Text.Title>
                <label className="consent">
                  <span>Hạn mới (giờ Việt Nam)</span>
                  <input type="datetime-local" aria-label="Hạn mới" value={until} onChange={(e) => setUntil(e.target.value)} />
                </label>
                <TextField label="Lý do (ghi vào nhật ký)" value={reason} onChange={(e) => setReason(e.target.value)} />
                <Button className="mt-2" loading={extend.busy} onClick={() => void extend.run()} disabled={!until || reason.trim().length < 5}>Gia hạn</Button>
              </Box>
            ) : null}
          </>
        )}
      </LoadState>
    </Page>
  );
}
