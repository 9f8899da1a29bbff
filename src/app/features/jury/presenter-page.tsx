import { useEffect, useState } from "react";
import { Page } from "zmp-ui";
import { finalEndpoints } from "../../../domain/jury/final.endpoints";
import { useApi } from "../../shared/api/use-api";
import { fmt2 } from "./jury-texts";

const POLL_MS = 2000;

function useTick(ms: number) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/** The hall's projector: who is on, the countdown (on the server's clock), then the reveal from 6th to 1st. */
export function PresenterPage() {
  const state = useApi(finalEndpoints.presenter);
  const now = useTick(500);
  const { reload } = state;
  useEffect(() => {
    const id = setInterval(() => void reload(), POLL_MS);
    return () => clearInterval(id);
  }, [reload]);
  const p = state.data;
  // Offset between this screen's clock and the server's, so the countdown matches the organisers'.
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    if (p) setOffset(Date.parse(p.serverNow) - Date.now());
  }, [p]);
  if (!p) return <Page className="page presenter">Đang tải…</Page>;
  const left = p.current?.countdownEndsAt ? Math.max(0, Date.parse(p.current.countdownEndsAt) - (now + offset)) : null;
  const mm = left === null ? null : `${Math.floor(left / 60000)}:${String(Math.floor((left % 60000) / 1000)).padStart(2, "0")}`;
  return (
    <Page className="page presenter" aria-live="polite">
      {p.revealed.length ? (
        <section>
          <h1>Kết quả chung kết</h1>
          <ol className="reveal">
            {p.revealed.map((r) => (
              <li key={r.entryId} className={`place-${r.rank}`}>
                <span className="rank">Hạng {r.rank}</span> <span className="unit">{r.unitName}</span>
                <span className="title">{r.title}</span>
                <span className="score">{fmt2(r.trimmedMean)} điểm</span>
              </li>
            ))}
          </ol>
        </section>
      ) : p.current ? (
        <section>
          <p className="label">Đang trình bày</p>
          <h1>{p.current.unitName}</h1>
          <p className="title">{p.current.title}</p>
          {mm ? <p className={`countdown${left === 0 ? " over" : ""}`}>{mm}</p> : null}
        </section>
      ) : (
        <section>
          <h1>Thứ tự trình bày</h1>
          {p.order.length ? (
            <ol>
              {p.order.map((o) => (
                <li key={o.entryId}>{o.unitName}</li>
              ))}
            </ol>
          ) : (
            <p>Chưa bốc thăm thứ tự trình bày.</p>
          )}
        </section>
      )}
    </Page>
  );
}
