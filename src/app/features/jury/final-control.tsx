import { useState } from "react";
import { Button, Text } from "zmp-ui";
import { finalEndpoints } from "../../../domain/jury/final.endpoints";
import { call, urlOf } from "../../shared/api/call";
import { downloadApiFile } from "../../shared/api/transfer";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { fmtVnd } from "./jury-texts";

/** Organiser's controls for the final: draw the order, put a finalist on stage, reveal, then prizes. */
export function FinalControl() {
  const notify = useNotify();
  const pres = useApi(finalEndpoints.presenter);
  const prizes = useApi(finalEndpoints.prizes);
  const [minutes, setMinutes] = useState(7);
  const [decisionNumber, setDecisionNumber] = useState("");
  const [decisionDate, setDecisionDate] = useState("");
  /** Draw, present or reveal: each answers with the presenter's view, and may change the prizes. */
  const step = useAction(async (send: () => Promise<unknown>) => {
    await send();
    await Promise.all([pres.reload(), prizes.reload()]);
  });
  const confirm = useAction(async () => {
    await call(finalEndpoints.confirmPrizes, { body: { decisionNumber, decisionDate } });
    notify.success("Đã xác nhận kết quả chính thức và cấp giấy chứng nhận.");
    await prizes.reload();
  });
  const issuing = confirm.busy;
  const file = useAction((format: "csv" | "xlsx" | "pdf") =>
    downloadApiFile({ path: urlOf(finalEndpoints.officialFile, { params: { format } }), link: null, fileName: `ket-qua-chinh-thuc.${format}`, token: null }),
  );
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
                      <Button size="small" variant={p.current?.entryId === o.entryId ? "primary" : "secondary"} disabled={step.busy} onClick={() => void step.run(() => call(finalEndpoints.present, { body: { position: o.position, minutes } }))}>
                        Lên trình bày
                      </Button>
                    </li>
                  ))}
                </ol>
              ) : (
                <Button className="mt-2" disabled={step.busy} onClick={() => void step.run(() => call(finalEndpoints.drawOrder))}>
                  Bốc thăm thứ tự trình bày
                </Button>
              )}
              {p.seed ? <Text size="small">Mã bốc thăm (công khai để kiểm tra): {p.seed}</Text> : null}
              <label className="mt-2">
                Thời gian trình bày (phút){" "}
                <input type="number" min={1} max={60} value={minutes} onChange={(e) => setMinutes(Number(e.target.value) || 7)} />
              </label>
              <Button className="mt-2" disabled={step.busy || (p.revealed.length >= p.total && p.total > 0)} onClick={() => void step.run(() => call(finalEndpoints.reveal))}>
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
                      <Button size="small" variant="secondary" disabled={file.busy} onClick={() => void file.run("csv")}>
                        CSV
                      </Button>
                      <Button size="small" variant="secondary" disabled={file.busy} onClick={() => void file.run("xlsx")}>
                        Excel
                      </Button>
                      <Button size="small" variant="secondary" disabled={file.busy} onClick={() => void file.run("pdf")}>
                        Thông báo PDF
                      </Button>
                    </div>
                  </>
                ) : list.length ? (
                  <>
                    <input aria-label="Số quyết định" placeholder="Số quyết định (vd. 125/QĐ-SKHCN)" value={decisionNumber} onChange={(e) => setDecisionNumber(e.target.value)} />
                    <input aria-label="Ngày quyết định" type="date" value={decisionDate} onChange={(e) => setDecisionDate(e.target.value)} />
                    <Button className="mt-2" loading={issuing} disabled={issuing || !decisionNumber.trim() || !decisionDate} onClick={() => void confirm.run()}>
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
