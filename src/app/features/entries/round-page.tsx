import { useState } from "react";
import { useParams } from "react-router-dom";
import { Box, Button, Page, Text } from "zmp-ui";
import { RoundOverviewResponseSchema, type UnitEntryState } from "../../../domain/entries/entries.schema";
import { ENTRIES_API, entriesPath } from "../../../domain/entries/entries.endpoints";
import { formatVnDateTime } from "../../../domain/shared/time";
import { downloadToDevice, isInsideZalo } from "../../fence/zalo";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { TextField } from "../../shared/components/text-field";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useSession } from "../../shared/state/session-state";
import { downloadEntriesFile, entriesClient, exportZipPath, indexXlsxPath } from "./entries-client";

export const STATE_LABEL: Record<UnitEntryState, string> = { not_started: "Chưa bắt đầu", draft: "Đang soạn", submitted: "Đã nộp", withdrawn: "Đã rút", late: "Quá hạn" };

/** Organisers: every eligible unit's entry, invitations, downloads, one unit's deadline. */
export function RoundPage() {
  const { round = "" } = useParams();
  const { session } = useSession();
  const notify = useNotify();
  const state = useApi(entriesPath(ENTRIES_API.overview, { round }), RoundOverviewResponseSchema);
  const [extendUnit, setExtendUnit] = useState<string | null>(null);
  const [until, setUntil] = useState("");
  const [reason, setReason] = useState("");
  const token = session?.token ?? null;
  const download = (path: string, name: string) => downloadEntriesFile(path, name, token, isInsideZalo(), downloadToDevice).catch(notify.error);

  const invite = async () => {
    try {
      const r = await entriesClient.invitations(round);
      notify.success(`Đã gửi ${r.queued} lời mời mới (${r.units} đơn vị được nộp).`);
    } catch (err) {
      notify.error(err);
    }
  };
  const remind = async () => {
    try {
      const r = await entriesClient.remind(round);
      notify.success(`Đã nhắc ${r.queued} người của ${r.units} đơn vị chưa nộp.`);
    } catch (err) {
      notify.error(err);
    }
  };
  const extend = async () => {
    if (!extendUnit) return;
    try {
      const r = await entriesClient.extend(round, { unit: extendUnit, until: new Date(until).toISOString(), reason });
      notify.success(`Đã gia hạn đến ${formatVnDateTime(r.deadline)}.`);
      setExtendUnit(null);
      await state.reload();
    } catch (err) {
      notify.error(err);
    }
  };

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
              <Button className="mt-2" fullWidth onClick={() => void download(exportZipPath(round), `ho-so-${round}.zip`)}>Tải tất cả hồ sơ (ZIP)</Button>
              <Button className="mt-2" fullWidth variant="secondary" onClick={() => void download(indexXlsxPath(round), `danh-sach-${round}.xlsx`)}>Tải danh sách (Excel)</Button>
              <Button className="mt-2" fullWidth variant="tertiary" onClick={() => void invite()}>Gửi lời mời tới lãnh đạo các đơn vị</Button>
              <Button className="mt-2" fullWidth variant="tertiary" onClick={() => void remind()}>Nhắc các đơn vị chưa nộp</Button>
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
                      {u.status === "submitted" ? <Button size="small" variant="tertiary" onClick={() => void download(`${exportZipPath(round)}?unit=${u.unitCode}`, `ho-so-${u.unitCode}.zip`)}>Tải</Button> : null}
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
                <Button className="mt-2" onClick={() => void extend()} disabled={!until || reason.trim().length < 5}>Gia hạn</Button>
              </Box>
            ) : null}
          </>
        )}
      </LoadState>
    </Page>
  );
}
