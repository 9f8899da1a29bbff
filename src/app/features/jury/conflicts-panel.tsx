import { useState } from "react";
import { Button, Text } from "zmp-ui";
import type { z } from "zod";
import { juryEndpoints } from "../../../domain/jury/jury.endpoints";
import type { ConflictKindSchema, JuryRound } from "../../../domain/jury/jury.schema";
import { call, urlOf } from "../../shared/api/call";
import { downloadApiFile } from "../../shared/api/transfer";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useSession } from "../../shared/state/session-state";
import { CONFLICT_LABELS } from "./jury-texts";

type Kind = Exclude<z.infer<typeof ConflictKindSchema>, "own_unit">;
const KINDS: Kind[] = ["works_there", "worked_there", "family", "advised", "other"];

/** Organisers: every declared or added conflict, add one with a reason, export the list. */
export function ConflictsPanel({ roundId, judges }: { roundId: JuryRound; judges: { userId: string; name: string }[] }) {
  const notify = useNotify();
  const { session } = useSession();
  const list = useApi(juryEndpoints.conflicts, { params: { roundId } });
  // The declaration view lists the round's qualified units for anyone signed in.
  const units = useApi(juryEndpoints.declaration, { params: { roundId } });
  const [judgeId, setJudgeId] = useState("");
  const [unitCode, setUnitCode] = useState("");
  const [kind, setKind] = useState<Kind>("other");
  const [reason, setReason] = useState("");
  const add = useAction(async () => {
    await call(juryEndpoints.addConflict, { params: { roundId }, body: { judgeId, unitCode, kind, reason } });
    notify.success("Đã thêm xung đột lợi ích.");
    setReason("");
    await list.reload();
  });
  const download = useAction((format: "csv" | "xlsx") =>
    downloadApiFile({
      path: urlOf(juryEndpoints.conflictsFile, { params: { roundId, format } }),
      link: () => call(juryEndpoints.conflictsLink, { params: { roundId }, body: { format } }),
      fileName: `xung-dot-loi-ich-${roundId}.${format}`,
      token: session?.token ?? null,
    }),
  );
  return (
    <section className="card mt-3" aria-labelledby={`conflicts-${roundId}`}>
      <Text.Title id={`conflicts-${roundId}`} size="large">
        Xung đột lợi ích
      </Text.Title>
      <ul className="mt-2">
        {(list.data?.conflicts ?? []).map((c) => (
          <li key={`${c.judgeId}-${c.unitCode}`}>
            {c.judgeName} — {c.unitName}: {CONFLICT_LABELS[c.kind]}
            {c.reason ? ` (${c.reason})` : ""}
          </li>
        ))}
      </ul>
      <div className="conflict-form mt-2">
        <select aria-label="Giám khảo" value={judgeId} onChange={(e) => setJudgeId(e.target.value)}>
          <option value="">Chọn giám khảo</option>
          {judges.map((j) => (
            <option key={j.userId} value={j.userId}>
              {j.name}
            </option>
          ))}
        </select>
        <select aria-label="Đơn vị" value={unitCode} onChange={(e) => setUnitCode(e.target.value)}>
          <option value="">Chọn đơn vị</option>
          {(units.data?.units ?? []).map((u) => (
            <option key={u.unitCode} value={u.unitCode}>
              {u.name}
            </option>
          ))}
        </select>
        <select aria-label="Loại xung đột" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {CONFLICT_LABELS[k]}
            </option>
          ))}
        </select>
        <input aria-label="Lý do xung đột" placeholder="Lý do" value={reason} onChange={(e) => setReason(e.target.value)} />
        <Button size="small" loading={add.busy} disabled={add.busy || !judgeId || !unitCode || reason.trim().length < 3} onClick={() => void add.run()}>
          Thêm xung đột
        </Button>
      </div>
      <div className="actions mt-2">
        <Button size="small" variant="secondary" disabled={download.busy} onClick={() => void download.run("csv")}>
          Tải CSV
        </Button>
        <Button size="small" variant="secondary" disabled={download.busy} onClick={() => void download.run("xlsx")}>
          Tải Excel
        </Button>
      </div>
    </section>
  );
}
