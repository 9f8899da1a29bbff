import { useState } from "react";
import { Button, Text } from "zmp-ui";
import { rankingEndpoints } from "../../../domain/ranking/ranking.endpoints";
import type { Formula, LeaderboardResponse } from "../../../domain/ranking/ranking.schema";
import { formatVnDateTime } from "../../../domain/shared/time";
import { type Board, boardOfKind } from "../../../domain/units/unit.schema";
import { unitsEndpoints } from "../../../domain/units/units.endpoints";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { useSession } from "../../shared/state/session-state";
import { MyStanding } from "./my-standing";
import { SnapshotCsvButton } from "./snapshot-csv-button";
import { fmtPct, fmtScore } from "./units-texts";
import { TitledPage } from "../../shared/components/page-layout";

const BOARDS: Array<{ key: Board; label: string }> = [
  { key: "commune", label: "Xã, phường, đặc khu" },
  { key: "department", label: "Sở, ban, ngành" },
];

function FormulaCard({ formula }: { formula: Formula }) {
  return (
    <section className="card formula" aria-labelledby="formula-title">
      <Text.Title id="formula-title" size="normal">
        Cách xếp hạng
      </Text.Title>
      <p className="formula-text">{formula.text}</p>
      <Text size="small" className="muted">
        {formula.tieBreak} Đơn vị chưa gửi danh sách cán bộ được hiển thị cuối bảng, chưa xếp hạng.
      </Text>
      {formula.note ? <Text size="small" className="mt-1">{formula.note}</Text> : null}
    </section>
  );
}

function SnapshotNote({ lb }: { lb: LeaderboardResponse }) {
  if (!lb.snapshot) return null;
  return (
    <section className="card snapshot-note" aria-labelledby="snapshot-title">
      <Text.Title id="snapshot-title" size="normal">
        Kết quả chốt Giai đoạn 1
      </Text.Title>
      <Text size="small">Chốt lúc {formatVnDateTime(lb.snapshot.closedAt)}. Mã kiểm tra SHA-256 của tệp công bố:</Text>
      <code className="hash">{lb.snapshot.sha256}</code>
      <SnapshotCsvButton stageId={lb.snapshot.stageId} />
    </section>
  );
}

function BoardList({ lb }: { lb: LeaderboardResponse }) {
  const ranked = lb.rows.filter((r) => r.rank !== null);
  return (
    <ol className="board" aria-label={lb.board === "commune" ? "Bảng xếp hạng xã, phường, đặc khu" : "Bảng xếp hạng sở, ban, ngành"}>
      {lb.rows.map((r) => {
        const mine = r.unitCode === lb.myUnitCode;
        return (
          <li key={r.unitCode} className={`board-row${mine ? " mine" : ""}${r.hasRoster ? "" : " no-roster"}`} aria-current={mine ? "true" : undefined}>
            <span className="board-rank" aria-label={r.rank ? `Hạng ${r.rank}` : "Chưa xếp hạng"}>
              {r.rank ?? "–"}
            </span>
            <span className="board-main">
              <span className="board-name">
                {r.fullName}
                {mine ? <span className="chip chip-mine">Đơn vị của bạn</span> : null}
              </span>
              {r.hasRoster ? (
                <span className="board-figures">
                  Tham gia {fmtPct(r.participationPct)} ({r.participants}/{r.rosterCount}) · Điểm TB {fmtScore(r.meanScore)}
                </span>
              ) : (
                <span className="chip chip-warn">Chưa có danh sách cán bộ</span>
              )}
            </span>
            <span className="board-score" aria-label="Điểm tổng hợp">
              {r.composite === null ? "" : fmtScore(r.composite)}
            </span>
          </li>
        );
      })}
      {ranked.length === 0 ? <li className="board-empty">Chưa đơn vị nào gửi danh sách cán bộ.</li> : null}
    </ol>
  );
}

/** Two live boards (frozen once Stage 1 is closed), the published formula, and where my unit stands. */
export function RankingsPage() {
  const { user } = useSession();
  const units = useApi(unitsEndpoints.units, { query: { kind: "all" } });
  const myKind = units.data?.units.find((u) => u.code === user?.unitCode)?.kind;
  const [chosen, setChosen] = useState<Board | null>(null);
  const board: Board = chosen ?? (myKind ? boardOfKind(myKind) : "commune");
  const lb = useApi(rankingEndpoints.leaderboard, { query: { board } });
  const myRow = lb.data?.rows.find((r) => r.unitCode === user?.unitCode);

  return (
    <TitledPage className="page rankings" title="Xếp hạng đơn vị">
      <div className="board-tabs mt-3" role="tablist" aria-label="Bảng xếp hạng">
        {BOARDS.map((b) => (
          <button key={b.key} type="button" role="tab" aria-selected={board === b.key} className={board === b.key ? "board-tab active" : "board-tab"} onClick={() => setChosen(b.key)}>
            {b.label}
          </button>
        ))}
      </div>
      <LoadState {...lb}>
        {(data) => (
          <>
            <MyStanding myUnit={myRow} rankedCount={data.rows.filter((r) => r.rank !== null).length} />
            <SnapshotNote lb={data} />
            <FormulaCard formula={data.formula} />
            <div className="board-head mt-3">
              <Text size="small" className="muted">
                {data.source === "snapshot" ? "Kết quả đã chốt" : `Cập nhật lúc ${formatVnDateTime(data.generatedAt)}`}
              </Text>
              {data.source === "live" ? (
                <Button size="small" variant="tertiary" loading={lb.loading} onClick={() => void lb.reload()}>
                  Làm mới
                </Button>
              ) : null}
            </div>
            <BoardList lb={data} />
          </>
        )}
      </LoadState>
    </TitledPage>
  );
}
