import type { SubUnitStats } from "../../../domain/units/roster.schema";
import { fmtPct, NO_SUB_UNIT } from "./units-texts";

const ROW = 34;
const LABEL_W = 150;
const BAR_W = 150;

/** Participation by sub-unit as plain SVG bars (no chart library), readable by screen readers as a table. */
export function SubUnitChart({ groups }: { groups: SubUnitStats[] }) {
  if (groups.length === 0) return null;
  const height = groups.length * ROW + 4;
  return (
    <figure className="subunit-chart">
      <svg viewBox={`0 0 ${LABEL_W + BAR_W + 70} ${height}`} width="100%" role="img" aria-label="Tỷ lệ tham gia theo bộ phận" preserveAspectRatio="xMinYMin meet">
        {groups.map((g, i) => {
          const y = i * ROW + 2;
          const w = Math.max(0, Math.min(100, g.participationPct)) * (BAR_W / 100);
          const label = g.subUnit ?? NO_SUB_UNIT;
          return (
            <g key={label} transform={`translate(0 ${y})`}>
              <text x={0} y={ROW / 2 + 1} dominantBaseline="middle" className="chart-label">
                {label.length > 22 ? `${label.slice(0, 21)}…` : label}
              </text>
              <rect x={LABEL_W} y={6} width={BAR_W} height={ROW - 12} rx={4} className="chart-track" />
              <rect x={LABEL_W} y={6} width={w} height={ROW - 12} rx={4} className={g.participationPct >= 100 ? "chart-bar done" : "chart-bar"} />
              <text x={LABEL_W + BAR_W + 6} y={ROW / 2 + 1} dominantBaseline="middle" className="chart-value">
                {fmtPct(g.participationPct)}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="sr-only">
        <caption>Tỷ lệ tham gia theo bộ phận</caption>
        <thead>
          <tr>
            <th>Bộ phận</th>
            <th>Tham gia đầy đủ</th>
            <th>Số người</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.subUnit ?? NO_SUB_UNIT}>
              <td>{g.subUnit ?? NO_SUB_UNIT}</td>
              <td>{g.participants}</td>
              <td>{g.roster}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
