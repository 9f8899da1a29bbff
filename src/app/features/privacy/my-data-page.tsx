import { useState } from "react";
import { Button, Icon, Text, useNavigate } from "zmp-ui";
import { privacyEndpoints } from "../../../domain/privacy/privacy.endpoints";
import type { MyPrivacyResponse, PersonalDataSection } from "../../../domain/privacy/privacy.schema";
import { formatVnDate, formatVnDateTime } from "../../../domain/shared/time";
import { call, urlOf } from "../../shared/api/call";
import { downloadApiFile } from "../../shared/api/transfer";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { PRIVACY_LAW } from "../../shared/components/privacy-notice";
import { paths } from "../../shared/config/paths";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useSession } from "../../shared/state/session-state";
import { KIND_LABEL, showValue, STATUS_LABEL } from "./privacy-labels";
import { TitledPage } from "../../shared/components/page-layout";

function Section({ section }: { section: PersonalDataSection }) {
  return (
    <details className="card data-section mt-2">
      <summary>
        <strong>{section.label}</strong> — {section.rows.length} mục
      </summary>
      <Text size="small" className="muted mt-1">
        {section.purpose}
      </Text>
      {section.rows.length === 0 ? <Text className="mt-1">Không có dữ liệu.</Text> : null}
      {section.rows.map((row, i) => (
        <dl key={i} className="profile data-row mt-2" aria-label={`${section.label} ${i + 1}`}>
          {Object.entries(row).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{showValue(v)}</dd>
            </div>
          ))}
        </dl>
      ))}
    </details>
  );
}

function RequestForm({ onSent }: { onSent: () => Promise<void> }) {
  const notify = useNotify();
  const [kind, setKind] = useState<"correct" | "delete">("correct");
  const [note, setNote] = useState("");
  const send = useAction(async () => {
    await call(privacyEndpoints.createRequest, { body: { kind, note: note.trim() || undefined } });
    setNote("");
    notify.success("Đã gửi yêu cầu tới Ban tổ chức.");
    await onSent();
  });
  return (
    <section className="card mt-4" aria-labelledby="request-title">
      <Text.Title id="request-title" size="normal">
        Yêu cầu sửa hoặc xoá
      </Text.Title>
      <div className="chip-row mt-2" role="radiogroup" aria-label="Loại yêu cầu">
        {(["correct", "delete"] as const).map((k) => (
          <label key={k} className="check-row">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {KIND_LABEL[k]}
          </label>
        ))}
      </div>
      {kind === "delete" ? (
        <Text className="mt-2" role="note">
          Khi Ban tổ chức xoá, tên, số điện thoại và tài khoản Zalo của bạn bị xoá khỏi ứng dụng; kết quả học và kiểm tra được giữ dưới dạng ẩn danh để số liệu của đơn vị
          không thay đổi. Bạn sẽ không đăng nhập lại được tài khoản cũ.
        </Text>
      ) : null}
      <label className="field-label mt-2" htmlFor="request-note">
        {kind === "correct" ? "Thông tin cần sửa (bắt buộc)" : "Ghi chú (không bắt buộc)"}
      </label>
      <textarea id="request-note" className="textarea" rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      <Button className="mt-2" fullWidth loading={send.busy} disabled={kind === "correct" && note.trim().length < 3} onClick={() => void send.run()}>
        {kind === "delete" ? "Gửi yêu cầu xoá dữ liệu" : "Gửi yêu cầu sửa dữ liệu"}
      </Button>
    </section>
  );
}

function Requests({ r }: { r: MyPrivacyResponse }) {
  if (r.requests.length === 0) return null;
  return (
    <section className="mt-4" aria-labelledby="my-requests">
      <Text.Title id="my-requests" size="normal">
        Yêu cầu đã gửi
      </Text.Title>
      <ul className="item-list">
        {r.requests.map((q) => (
          <li key={q.id} className="card mt-2">
            <Text bold>
              {KIND_LABEL[q.kind]} — {STATUS_LABEL[q.status]}
            </Text>
            <Text size="small">Gửi lúc {formatVnDateTime(q.createdAt)}; hạn trả lời {formatVnDate(q.dueAt)}</Text>
            {q.note ? <Text size="small">Ghi chú: {q.note}</Text> : null}
            {q.response ? <Text size="small">Trả lời của Ban tổ chức: {q.response}</Text> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "Dữ liệu của tôi": everything held about me, downloads, and requests to correct or delete. */
export function MyDataPage() {
  const { session } = useSession();
  const notify = useNotify();
  const navigate = useNavigate();
  const mine = useApi(privacyEndpoints.myData);
  const download = useAction(async (format: "json" | "xlsx") => {
    const endpoint = format === "json" ? privacyEndpoints.exportJson : privacyEndpoints.exportXlsx;
    await downloadApiFile({
      path: urlOf(endpoint),
      link: () => call(privacyEndpoints.exportLink, { body: { format } }),
      fileName: `du-lieu-cua-toi.${format}`,
      token: session?.token ?? null,
    });
    notify.success("Đã tải về.");
  });
  return (
    <TitledPage className="page my-data" title="Dữ liệu của tôi">
      <Text className="mt-2">
        Toàn bộ dữ liệu ứng dụng đang lưu về bạn, theo {PRIVACY_LAW}.
      </Text>
      <Button className="mt-2" size="small" variant="tertiary" onClick={() => navigate(paths.privacy.getHref())}>
        Xem thông báo xử lý dữ liệu cá nhân
      </Button>
      <div className="chip-row mt-3">
        <Button size="small" variant="secondary" aria-label="Tải về (JSON)" prefixIcon={<Icon icon="zi-download" />} loading={download.busy} onClick={() => void download.run("json")}>
          Tải về (JSON)
        </Button>
        <Button size="small" variant="secondary" aria-label="Tải về (Excel)" prefixIcon={<Icon icon="zi-download" />} loading={download.busy} onClick={() => void download.run("xlsx")}>
          Tải về (Excel)
        </Button>
      </div>
      <LoadState {...mine}>
        {(r) => (
          <>
            <div className="mt-3" role="list" aria-label="Các loại dữ liệu">
              {r.data.sections.map((s) => (
                <div role="listitem" key={s.id}>
                  <Section section={s} />
                </div>
              ))}
            </div>
            <Requests r={r} />
            <Text size="small" className="muted mt-2">
              Ban tổ chức trả lời mỗi yêu cầu trong {r.responseDays} ngày.
            </Text>
          </>
        )}
      </LoadState>
      <RequestForm onSent={mine.reload} />
    </TitledPage>
  );
}
