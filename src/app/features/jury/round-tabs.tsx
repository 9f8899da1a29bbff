import { Button } from "zmp-ui";
import type { JuryRound } from "../../../domain/jury/jury.schema";
import { ROUND_LABELS } from "./jury-texts";

/** The two jury rounds as tabs (Stage 2 scoring, the Stage 3 final). */
export function RoundTabs({ value, onChange }: { value: JuryRound; onChange: (round: JuryRound) => void }) {
  return (
    <div className="tabs mt-2" role="tablist">
      {(["stage2", "stage3"] as const).map((r) => (
        <Button key={r} size="small" variant={r === value ? "primary" : "tertiary"} role="tab" aria-selected={r === value} onClick={() => onChange(r)}>
          {ROUND_LABELS[r]}
        </Button>
      ))}
    </div>
  );
}
