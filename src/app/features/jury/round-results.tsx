import { useEffect, useState } from "react";
import { Button, Text } from "zmp-ui";
import { juryEndpoints } from "../../../domain/jury/jury.endpoints";
import type { JuryRound } from "../../../domain/jury/jury.schema";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { fmt2, METHOD_LABELS } from "./jury-texts";

/** Results with the four methods, flags around the cut, closing, names and the finalists' confirmation. */
export function RoundResults({ roundId }: { roundId: JuryRound }) {
  const notify = useNotify();
  const state = useApi(juryEndpoints.results, { params: { roundId } });
  const [reason, setReason] = useState("");
  const [picked, setPicked] = useState<string[]>([]);
  useEffect(() => setPicked(state.data?.snapshot?.finalists ?? state.data?.proposedFinalists ?? []), [state.data]);
  /** Close, show names or confirm the finalists: each answers with the new results. */
  const act = useAction(async (send: () => Promise<unknown>, done: string) => {
    await send();
    notify.success(done);
    await state.reload();
  });
  return (
    <section className="card mt-3" aria-labelledby={`results-${roundId}`}>
      <Text.Title id={`results-${roundId}`} size="large">
        Kết quả chấm
      </Text.Title>
      <LoadState {...state}>
        {(r) => (
          <>
            <Text className="mt-2">
              {r.closed ? `Đã đóng vòng chấm${r.closed.reason ? ` (lý do: ${r.closed.reason})` : ""}.` : r.complete ? "Tất cả phiếu đã nộp." : `Còn ${r.pendingSheets} phiếu chưa nộp: kết quả chỉ tính khi đủ phiếu hoặc khi đóng vòng có lý do.`}
            </Text>
            {r.flags.length ? (
              <div className="flags mt-2" role="alert">
                <Text>Các phương pháp không thống nhất quanh vị trí thứ 6/7:</Text>
                <ul>
                  {r.flags.map((f) => (
                    <li key={f.entryId}>
                      {f.entryCode}: trong top theo {f.inBy.map((m) => METHOD_LABELS[m as keyof typeof METHOD_LABELS]).join(", ")}; ngoài top theo {f.outBy.map((m) => METHOD_LABELS[m as keyof typeof METHOD_LABELS]).join(", ")}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {r.results.length ? (
              <table className="table mt-2">
                <thead>
                  <tr>
                    <th>Hạng</th>
                    <th>Bài</th>
                    <th>{METHOD_LABELS.judgeCentred}</th>
                    <th>{METHOD_LABELS.rawMean}</th>
                    <th>{METHOD_LABELS.medianRank}</th>
                    <th>{METHOD_LABELS.borda}</th>
                    {roundId === "stage2" ? <th>Chung kết</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {r.results.map((x) => (
                    <tr key={x.entryId}>
                      <td>{x.rank}</td>
                      <td>
                        {x.entryCode}
                        {x.unitName ? ` – ${x.unitName}` : ""}
                      </td>
                      <td>{fmt2(x.judgeCentred)}</td>
                      <td>{fmt2(x.rawMean)}</td>
                      <td>{x.medianRank}</td>
                      <td>{x.borda}</td>
                      {roundId === "stage2" ? (
                        <td>
                          <input
                            type="checkbox"
                            aria-label={`Chọn ${x.entryCode} vào chung kết`}
                            disabled={!!r.snapshot}
                            checked={picked.includes(x.entryId)}
                            onChange={(e) => setPicked((p) => (e.target.checked ? [...p, x.entryId] : p.filter((i) => i !== x.entryId)))}
                          />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            <input className="mt-2" aria-label="Lý do" placeholder="Lý do (khi đóng vòng thiếu phiếu hoặc chọn khác đề xuất)" value={reason} onChange={(e) => setReason(e.target.value)} />
            <div className="actions mt-2">
              {!r.closed ? (
                <Button size="small" disabled={act.busy} onClick={() => void act.run(() => call(juryEndpoints.closeRound, { params: { roundId }, body: { reason: reason || undefined } }), "Đã đóng vòng chấm.")}>
                  Đóng vòng chấm
                </Button>
              ) : null}
              {r.closed && !r.namesRevealed ? (
                <Button size="small" variant="secondary" disabled={act.busy} onClick={() => void act.run(() => call(juryEndpoints.revealNames, { params: { roundId } }), "Đã ghi nhận.")}>
                  Hiện tên đơn vị
                </Button>
              ) : null}
              {roundId === "stage2" && r.closed && !r.snapshot ? (
                <Button size="small" disabled={act.busy} onClick={() => void act.run(() => call(juryEndpoints.confirmFinalists, { body: { entryIds: picked, reason: reason || undefined } }), "Đã xác nhận 06 đơn vị vào chung kết.")}>
                  Xác nhận {picked.length} đơn vị vào chung kết
                </Button>
              ) : null}
            </div>
            {r.snapshot ? (
              <Text size="small" className="mt-2">
                Đã chốt danh sách chung kết. SHA-256 của tệp CSV: <code className="hash">{r.snapshot.sha256}</code>
              </Text>
            ) : null}
          </>
        )}
      </LoadState>
    </section>
  );
}
