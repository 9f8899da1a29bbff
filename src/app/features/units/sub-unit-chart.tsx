import type { SubUnitStats } from "../../../domain/units/roster.schema";
import { fmtPct, NO_SUB_UNIT } from "./units-texts";

const ROW = 46;
const WIDTH = 320;
const BAR_W = 250;

/** Participation by sub-unit as plain SVG bars (no chart library), readable by screen readers as a table. */
export function SubUnitChart({ groups }: { groups: SubUnitStats[] }) {
  if (groups.length === 0) return null;
  const height = groups.length * ROW + 4;
  return (
    <figure className="subunit-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label="Tỷ lệ tham gia theo bộ phận" preserveAspectRatio="xMinYMin meet">
        {groups.map((g, i) => {
          const w = Math.max(0, Math.min(100, g.participationPct)) * (BAR_W / 100);
          const label = g.subUnit ?? NO_SUB_UNIT;
          return (
            <g key={label} transform={`translate(0 ${i * ROW + 2})`}>
              <text x={0} y={13} className="chart-label">
                {label.length > 44 ? `${label.slice(0, 43)}…` : label}
                <tspan className="chart-count">{` (${g.participants}/${g.roster})`}</tspan>
              </text>
              <rect x={0} y={20} width={BAR_W} height={16} rx={4} className="chart-track" />
              <rect x={0} y={20} width={w} height={16} rx={4} className={g.participationPct >= 100 ? "chart-bar done" : "chart-bar"} />
              <text x={BAR_W + 8} y={33} className="chart-value">
                {fmtPct(g.participationPct)}
              </text>
            </g>
          );
        })}
      </svg>
      {/* Tables ignore overflow clipping, so the visually hidden box is a div around it. */}
      <div className="sr-only">
        <table>
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
      </div>
    </figure>
  );
}
