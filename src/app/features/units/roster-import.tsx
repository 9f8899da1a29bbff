import { useMemo, useState } from "react";
import { Box, Button, Progress, Text } from "zmp-ui";
import type { RosterImportResponse, RosterReportRow } from "../../../domain/units/roster.schema";
import { unitsEndpoints } from "../../../domain/units/units.endpoints";
import { useApi } from "../../shared/api/use-api";
import { formatVnDateTime } from "../../../domain/shared/time";
import { useSession } from "../../shared/state/session-state";
import { uploadRoster } from "../../shared/api/transfer";
import { useUpload } from "../../shared/api/use-upload";
import { FilePick, UploadProgress } from "../../shared/components/file-upload";
import { fmtInt, problemText, ROW_STATUS_LABEL } from "./units-texts";

const ACCEPT = ".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv";

function ReportRows({ rows, unitName }: { rows: RosterReportRow[]; unitName: (code: string) => string }) {
  const [all, setAll] = useState(false);
  const needsLook = rows.filter((r) => r.problems.length > 0 || r.status === "error" || r.status === "skipped");
  const shown = all ? rows : needsLook;
  return (
    <>
      <label className="check-row mt-3">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> Hiện tất cả các dòng ({fmtInt(rows.length)})
      </label>
      {shown.length === 0 ? <Text className="mt-2">Không có dòng nào cần xem lại.</Text> : null}
      <ol className="report-rows" aria-label="Kết quả từng dòng">
        {shown.map((r) => (
          <li key={r.line} className={`report-row status-${r.status}`}>
            <span className="report-line">Dòng {r.line}</span>
            <span className={`chip chip-${r.status}`}>{ROW_STATUS_LABEL[r.status]}</span>
            <span className="report-name">{r.status === "section" ? r.subUnit : (r.fullName ?? "(không có tên)")}</span>
            {r.problems.map((p, i) => (
              <span key={i} className="report-problem">
                {problemText(p, unitName)}
              </span>
            ))}
          </li>
        ))}
      </ol>
    </>
  );
}

/** After the roster freeze a lead's file is held: say so first, and word the totals as what approval would do. */
function ImportTotals({ report }: { report: RosterImportResponse }) {
  const held = report.heldForApproval !== null;
  const t = report.totals;
  return (
    <>
      {held ? (
        <Text className="banner banner-pending mt-2" bold>
          Danh sách mới đang chờ ban tổ chức duyệt. Danh sách hiện tại được giữ nguyên cho đến khi Ban tổ chức đồng ý.
        </Text>
      ) : null}
      <ul className="totals">
        {held ? <li>Nếu được duyệt:</li> : null}
        <li>Thêm mới: {fmtInt(t.created)}</li>
        <li>Cập nhật: {fmtInt(t.updated)}</li>
        <li>Không đổi: {fmtInt(t.unchanged)}</li>
        <li>Bỏ qua: {fmtInt(t.skipped)}</li>
        <li>Lỗi: {fmtInt(t.errors)}</li>
        {report.replace ? <li>{held ? "Sẽ xoá" : "Đã xoá"}: {fmtInt(t.removed)}</li> : null}
        <li>
          {held ? "Danh sách sau khi duyệt" : "Danh sách hiện có"}: {fmtInt(t.rosterSize)} người, đã khớp tài khoản: {fmtInt(t.matched)}
        </li>
      </ul>
    </>
  );
}

/** The server's answer: what was read, the totals, then the rows that need a look. */
function ImportReport({ report, unitName }: { report: RosterImportResponse; unitName: (code: string) => string }) {
  return (
    <Box mt={3} className="import-report" role="status">
      <Text bold>
        Đã đọc {fmtInt(report.totals.rows)} người từ {report.fileName}
        {report.sheet ? ` (trang “${report.sheet}”)` : ""}, tiêu đề ở dòng {report.headerLine}.
      </Text>
      <ImportTotals report={report} />
      {report.ignoredFromLine ? <Text size="small" className="muted">Phần cuối tệp từ dòng {report.ignoredFromLine} (tổng cộng, chữ ký) không được đọc.</Text> : null}
      <ReportRows rows={report.rows} unitName={unitName} />
    </Box>
  );
}

/** Choose a staff list (.xlsx or .csv), upload it with visible progress, then read the row-by-row report. */
export function RosterImport(props: { unitCode: string; canGrantLead: boolean; freeze?: { at: string; passed: boolean }; onImported: (report: RosterImportResponse) => void }) {
  const { session } = useSession();
  const units = useApi(unitsEndpoints.units, { query: { kind: "all" } });
  const unitName = useMemo(() => {
    const names = new Map((units.data?.units ?? []).map((u) => [u.code, u.fullName]));
    return (code: string) => names.get(code) ?? `đơn vị ${code}`;
  }, [units.data]);
  const [replace, setReplace] = useState(false);
  const upload = useUpload((f, onProgress) => uploadRoster({ unitCode: props.unitCode, file: f, replace, token: session?.token ?? null, onProgress }), props.onImported);
  const { file, phase, busy } = upload;
  const start = () => void upload.start();

  return (
    <section className="card mt-4 roster-import" aria-labelledby="roster-title">
      <Text.Title id="roster-title" size="large">
        Danh sách cán bộ của đơn vị
      </Text.Title>
      <Text size="small" className="muted mt-1">
        Tệp Excel (.xlsx) hoặc CSV. Cần cột “Họ và tên”; nên có “Số điện thoại”, “Chức vụ”, “Bộ phận”. Dòng tiêu đề, dòng đánh số (1), (2)…, dòng nhóm (“I. Văn phòng…”) và phần ký tên cuối tệp được tự nhận biết.
        {props.canGrantLead ? " Cột “Vai trò” ghi “Lãnh đạo” sẽ cấp quyền lãnh đạo đơn vị khi người đó đăng nhập." : ""}
      </Text>
      {props.freeze && !props.canGrantLead ? (
        <Text className="mt-2">
          {props.freeze.passed
            ? `Đã qua ngày khoá danh sách (${formatVnDateTime(props.freeze.at)}): danh sách mới chỉ được áp dụng khi Ban tổ chức duyệt.`
            : `Sau ${formatVnDateTime(props.freeze.at)}, mọi thay đổi danh sách cần Ban tổ chức duyệt.`}
        </Text>
      ) : null}
      <FilePick accept={ACCEPT} label="Chọn tệp danh sách cán bộ" placeholder="Chọn tệp danh sách (.xlsx, .csv)" upload={upload} />
      <label className="check-row mt-3">
        <input type="checkbox" checked={replace} disabled={busy} onChange={(e) => setReplace(e.target.checked)} />
        <span>Thay thế toàn bộ danh sách cũ (xoá người không có trong tệp này)</span>
      </label>
      <Button className="mt-3" fullWidth disabled={!file || busy} loading={busy} onClick={start}>
        Tải lên và đối chiếu
      </Button>

      <div aria-live="polite">
        {phase.kind === "uploading" ? <UploadProgress fraction={phase.fraction} onCancel={upload.cancel} /> : null}
        {phase.kind === "processing" ? (
          <Box mt={3} role="status">
            <Text size="small">Đã tải lên. Đang đọc tệp và đối chiếu với tài khoản…</Text>
            <Progress completed={100} maxCompleted={100} />
          </Box>
        ) : null}
        {phase.kind === "failed" ? (
          <Box mt={3} role="alert" className="load-error">
            <Text>{phase.message}</Text>
            <Button className="mt-2" size="small" variant="secondary" onClick={start}>
              Thử lại
            </Button>
          </Box>
        ) : null}
        {phase.kind === "done" ? <ImportReport report={phase.result} unitName={unitName} /> : null}
      </div>
    </section>
  );
}
