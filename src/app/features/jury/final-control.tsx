import { useState } from "react";
import { Button, Text } from "zmp-ui";
import { PresenterResponseSchema, PrizesResponseSchema } from "../../../domain/jury/jury.schema";
import { api } from "../../shared/api/api-client";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { downloadApiFile } from "../units/transfer";
import { fmtVnd } from "./jury-texts";

/** Organiser's controls for the final: draw the order, put a finalist on stage, reveal, then prizes. */
export function FinalControl() {
  const notify = useNotify();
  const pres = useApi("/api/final/presenter", PresenterResponseSchema);
  const prizes = useApi("/api/prizes", PrizesResponseSchema);
  const [minutes, setMinutes] = useState(7);
  const [decisionNumber, setDecisionNumber] = useState("");
  const [decisionDate, setDecisionDate] = useState("");
  const [issuing, setIssuing] = useState(false);
  const post = (path: string, body?: unknown) =>
    api.post(path, PresenterResponseSchema, body).then(() => {
      void pres.reload();
      void prizes.reload();
    }, notify.error);
  const confirm = () => {
    setIssuing(true);
    return api
      .post("/api/prizes/confirm", PrizesResponseSchema, { decisionNumber, decisionDate })
      .then(() => {
        notify.success("Đã xác nhận kết quả chính thức và cấp giấy chứng nhận.");
        void prizes.reload();
      }, notify.error)
      .finally(() => setIssuing(false));
  };
  const file = (f: "csv" | "xlsx" | "pdf") => downloadApiFile({ path: `/api/prizes/official.${f}`, linkPath: null, fileName: `ket-qua-chinh-thuc.${f}`, token: null }).catch(notify.error);
  return (
    <>
      <section className="card mt-3" aria-labelledby="final-title">
        <Text.Title id="final-title" size="large">
          Điều hành chung kết
        </Text.Title>
        <LoadState {...pres}>
          {(p) => (
            <>
              {p.order.length ? (
                <ol className="mt-2">
                  {p.order.map((o) => (
                    <li key={o.entryId} className="row">
                      <span>{o.unitName}</span>
                      <Button size="small" variant={p.current?.entryId === o.entryId ? "primary" : "secondary"} onClick={() => void post("/api/final/present", { position: o.position, minutes })}>
                        Lên trình bày
                      </Button>
                    </li>
                  ))}
                </ol>
              ) : (
                <Button className="mt-2" onClick={() => void post("/api/final/draw")}>
                  Bốc thăm thứ tự trình bày
                </Button>
              )}
              {p.seed ? <Text size="small">Mã bốc thăm (công khai để kiểm tra): {p.seed}</Text> : null}
              <label className="mt-2">
                Thời gian trình bày (phút){" "}
                <input type="number" min={1} max={60} value={minutes} onChange={(e) => setMinutes(Number(e.target.value) || 7)} />
              </label>
              <Button className="mt-2" disabled={p.revealed.length >= p.total && p.total > 0} onClick={() => void post("/api/final/reveal")}>
                Công bố vị trí tiếp theo ({p.revealed.length}/{p.total})
              </Button>
            </>
          )}
        </LoadState>
      </section>
      <section className="card mt-3" aria-labelledby="prizes-title">
        <Text.Title id="prizes-title" size="large">
          Giải thưởng
        </Text.Title>
        <LoadState {...prizes}>
          {(z) => {
            const list = z.official?.awards ?? z.proposed;
            return (
              <>
                {!list.length ? <Text className="mt-2">Phân bổ giải sẽ có sau khi công bố toàn bộ thứ hạng chung kết.</Text> : null}
                <ul className="mt-2">
                  {list.map((a) => (
                    <li key={a.unitCode}>
                      <strong>{a.prizeName}</strong> ({fmtVnd(a.amountVnd)}) — {a.unitName}: {a.title}
                    </li>
                  ))}
                </ul>
                {z.official ? (
                  <>
                    <Text size="small">
                      Quyết định số {z.official.decisionNumber} ngày {z.official.decisionDate}. SHA-256: <code className="hash">{z.official.sha256}</code>
                    </Text>
                    <div className="actions mt-2">
                      <Button size="small" variant="secondary" onClick={() => void file("csv")}>
                        CSV
                      </Button>
                      <Button size="small" variant="secondary" onClick={() => void file("xlsx")}>
                        Excel
                      </Button>
                      <Button size="small" variant="secondary" onClick={() => void file("pdf")}>
                        Thông báo PDF
                      </Button>
                    </div>
                  </>
                ) : list.length ? (
                  <>
                    <input aria-label="Số quyết định" placeholder="Số quyết định (vd. 125/QĐ-SKHCN)" value={decisionNumber} onChange={(e) => setDecisionNumber(e.target.value)} />
                    <input aria-label="Ngày quyết định" type="date" value={decisionDate} onChange={(e) => setDecisionDate(e.target.value)} />
                    <Button className="mt-2" loading={issuing} disabled={issuing || !decisionNumber.trim() || !decisionDate} onClick={() => void confirm()}>
                      Xác nhận kết quả chính thức
                    </Button>
                    {issuing ? <Text size="small">Đang lập kết quả và cấp giấy chứng nhận cho từng đơn vị…</Text> : null}
                  </>
                ) : null}
              </>
            );
          }}
        </LoadState>
      </section>
    </>
  );
}
