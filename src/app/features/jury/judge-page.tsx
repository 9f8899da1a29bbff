import { useState } from "react";
import { Box, Button, Page, Text } from "zmp-ui";
import type { z } from "zod";
import { juryEndpoints } from "../../../domain/jury/jury.endpoints";
import type { ConflictKindSchema, DeclarationViewSchema, JuryRound } from "../../../domain/jury/jury.schema";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { CONFLICT_LABELS } from "./jury-texts";
import { ScoreSheet } from "./score-sheet";
import { RoundTabs } from "./round-tabs";
import { Card } from "../../shared/components/page-layout";

type Kind = Exclude<z.infer<typeof ConflictKindSchema>, "own_unit">;
type Declaration = z.infer<typeof DeclarationViewSchema>;
const KINDS: Kind[] = ["works_there", "worked_there", "family", "advised", "other"];

/** Before any entry is shown: tick the qualified units the judge has a conflict with. */
function DeclarationForm({ roundId, view, onDone }: { roundId: JuryRound; view: Declaration; onDone: () => void }) {
  const notify = useNotify();
  const [picked, setPicked] = useState<Record<string, { kind: Kind; reason: string }>>({});
  const submit = useAction(async () => {
    const conflicts = Object.entries(picked).map(([unitCode, v]) => ({ unitCode, kind: v.kind, reason: v.reason || undefined }));
    await call(juryEndpoints.declare, { params: { roundId }, body: { conflicts } });
    notify.success("Đã ghi nhận khai báo.");
    onDone();
  });
  return (
    <Card id="decl-title" title="Khai báo xung đột lợi ích" className="card">
      <Text className="mt-2">
        Trước khi xem bài dự thi, vui lòng đánh dấu các đơn vị mà bạn đang hoặc đã công tác ({view.lookbackYears} năm gần đây), có người thân, đã tư vấn sản phẩm hoặc có lý do khác. Bạn sẽ không
        thấy và không chấm bài của các đơn vị này.
      </Text>
      <ul className="decl-list">
        {view.units.map((u) => (
          <li key={u.unitCode}>
            <label>
              <input
                type="checkbox"
                checked={u.automatic || !!picked[u.unitCode]}
                disabled={u.automatic}
                onChange={(e) =>
                  setPicked((p) => {
                    const next = { ...p };
                    if (e.target.checked) next[u.unitCode] = { kind: "works_there", reason: "" };
                    else delete next[u.unitCode];
                    return next;
                  })
                }
              />{" "}
              {u.name} {u.automatic ? <em>— {CONFLICT_LABELS.own_unit}</em> : null}
            </label>
            {picked[u.unitCode] ? (
              <div className="decl-detail">
                <select aria-label={`Loại xung đột với ${u.name}`} value={picked[u.unitCode]!.kind} onChange={(e) => setPicked((p) => ({ ...p, [u.unitCode]: { ...p[u.unitCode]!, kind: e.target.value as Kind } }))}>
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {CONFLICT_LABELS[k]}
                    </option>
                  ))}
                </select>
                <input aria-label={`Lý do với ${u.name}`} placeholder="Lý do" value={picked[u.unitCode]!.reason} onChange={(e) => setPicked((p) => ({ ...p, [u.unitCode]: { ...p[u.unitCode]!, reason: e.target.value } }))} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <Button className="mt-3" fullWidth loading={submit.busy} disabled={submit.busy} onClick={() => void submit.run()}>
        {Object.keys(picked).length ? "Xác nhận khai báo" : "Tôi không có xung đột nào khác"}
      </Button>
    </Card>
  );
}

function Sheets({ roundId }: { roundId: JuryRound }) {
  const state = useApi(juryEndpoints.sheets, { params: { roundId } });
  const [open, setOpen] = useState<string | null>(null);
  return (
    <LoadState {...state}>
      {(data) => {
        const done = data.entries.filter((e) => e.sheet?.status === "submitted").length;
        const current = data.entries.find((e) => e.entryId === open);
        return (
          <>
            <Text className="mt-2">
              Đã nộp {done}/{data.entries.length} phiếu. Bài dự thi được ẩn tên đơn vị.
            </Text>
            <ul className="entry-list">
              {data.entries.map((e) => (
                <li key={e.entryId}>
                  <Button variant={open === e.entryId ? "primary" : "secondary"} fullWidth onClick={() => setOpen(open === e.entryId ? null : e.entryId)}>
                    {e.entryCode} · {e.sheet?.status === "submitted" ? "Đã nộp" : e.sheet ? "Nháp" : "Chưa chấm"}
                  </Button>
                </li>
              ))}
            </ul>
            {current ? <ScoreSheet key={current.entryId + (current.sheet?.updatedAt ?? "")} roundId={roundId} entry={current} rubric={data.rubric} step={data.step} extremes={data.extremes} onSaved={() => void state.reload()} /> : null}
          </>
        );
      }}
    </LoadState>
  );
}

export function JudgePage() {
  const [roundId, setRoundId] = useState<JuryRound>("stage2");
  const decl = useApi(juryEndpoints.declaration, { params: { roundId } });
  return (
    <Page className="page jury">
      <Box p={4}>
        <Text.Title size="xLarge">Chấm điểm</Text.Title>
        <RoundTabs value={roundId} onChange={setRoundId} />
        <LoadState {...decl}>
          {(view) =>
            !view.appointed ? (
              <Text className="mt-3">Bạn chưa được Ban tổ chức phân công chấm vòng này.</Text>
            ) : !view.declaredAt ? (
              <DeclarationForm roundId={roundId} view={view} onDone={() => void decl.reload()} />
            ) : (
              <Sheets roundId={roundId} />
            )
          }
        </LoadState>
      </Box>
    </Page>
  );
}

