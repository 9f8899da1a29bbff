import type { SubUnitStats } from "../../../domain/units/roster.schema";
import { fmtPct, NO_SUB_UNIT } from "./units-texts";

/**
 * Participation by sub-unit as HTML bars (no chart library): labels are text that wraps and
 * scales with the phone's font size; screen readers get the table below.
 */
export function SubUnitChart({ groups }: { groups: SubUnitStats[] }) {
  if (groups.length === 0) return null;
  return (
    <figure className="subunit-chart">
      <div role="img" aria-label="Tỷ lệ tham gia theo bộ phận" className="chart-rows">
        {groups.map((g) => {
          const pct = Math.max(0, Math.min(100, g.participationPct));
          const label = g.subUnit ?? NO_SUB_UNIT;
          return (
            <div key={label} className="chart-row">
              <div className="chart-head">
                <span className="chart-label">
                  {label} <span className="chart-count">({g.participants}/{g.roster})</span>
                </span>
                <span className="chart-value">{fmtPct(g.participationPct)}</span>
              </div>
              <div className="chart-track">
                <div className={g.participationPct >= 100 ? "chart-bar done" : "chart-bar"} style={{ width: `${pct}%` }} />
              </div>
            </div>
          );
        })}
      </div>
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
