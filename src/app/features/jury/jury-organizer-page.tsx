import { useState } from "react";
import { Box, Button, Page, Text, useNavigate } from "zmp-ui";
import type { z } from "zod";
import { juryEndpoints } from "../../../domain/jury/jury.endpoints";
import type { JuryRound, PeopleResponseSchema } from "../../../domain/jury/jury.schema";
import { formatVnDateTime } from "../../../domain/shared/time";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { paths } from "../../shared/config/paths";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { ConflictsPanel } from "./conflicts-panel";
import { FinalControl } from "./final-control";
import { RoundResults } from "./round-results";
import { RoundTabs } from "./round-tabs";

function Appoint({ roundId, onChanged }: { roundId: JuryRound; onChanged: () => void }) {
  const notify = useNotify();
  const [q, setQ] = useState("");
  const [people, setPeople] = useState<z.infer<typeof PeopleResponseSchema>["people"]>([]);
  const search = useAction(async () => setPeople((await call(juryEndpoints.people, { query: { q } })).people));
  const appoint = useAction(async (userId: string) => {
    await call(juryEndpoints.appoint, { params: { roundId }, body: { userId } });
    notify.success("Đã phân công giám khảo.");
    onChanged();
  });
  return (
    <div className="mt-3">
      <label htmlFor="judge-search">Tìm người (tên hoặc số điện thoại)</label>
      <div className="row">
        <input id="judge-search" value={q} onChange={(e) => setQ(e.target.value)} onKeyDown={(e) => e.key === "Enter" && q.trim().length >= 2 && void search.run()} />
        <Button size="small" disabled={search.busy || q.trim().length < 2} onClick={() => void search.run()}>
          Tìm
        </Button>
      </div>
      <ul>
        {people.map((p) => (
          <li key={p.userId} className="row">
            <span>
              {p.name} {p.unitCode ? `(${p.unitCode})` : ""}
            </span>
            <Button size="small" variant="secondary" disabled={appoint.busy} onClick={() => void appoint.run(p.userId)}>
              Phân công
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Judges({ roundId }: { roundId: JuryRound }) {
  const notify = useNotify();
  const state = useApi(juryEndpoints.judges, { params: { roundId } });
  const [reason, setReason] = useState("");
  const revoke = useAction(async (userId: string) => {
    await call(juryEndpoints.revoke, { params: { roundId, userId }, body: { reason } });
    notify.success("Đã thu hồi phân công.");
    await state.reload();
  });
  return (
    <section className="card mt-3" aria-labelledby="judges-title">
      <Text.Title id="judges-title" size="large">
        Giám khảo
      </Text.Title>
      <Appoint roundId={roundId} onChanged={() => void state.reload()} />
      <LoadState {...state}>
        {(data) => (
          <table className="table mt-3">
            <thead>
              <tr>
                <th>Giám khảo</th>
                <th>Khai báo</th>
                <th>Đã nộp</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.judges.map((j) => (
                <tr key={j.userId} className={j.revokedAt ? "muted" : ""}>
                  <td>{j.name}</td>
                  <td>{j.declaredAt ? formatVnDateTime(j.declaredAt) : "Chưa"}</td>
                  <td>
                    {j.submitted}/{j.assigned} {j.drafts ? `(${j.drafts} nháp)` : ""}
                  </td>
                  <td>{j.revokedAt ? "Đã thu hồi" : <Button size="small" variant="tertiary" disabled={revoke.busy || reason.trim().length < 3} onClick={() => void revoke.run(j.userId)}>Thu hồi</Button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadState>
      <input aria-label="Lý do thu hồi hoặc mở khóa" placeholder="Lý do (để thu hồi hoặc mở khóa phiếu)" value={reason} onChange={(e) => setReason(e.target.value)} />
      <SheetsOverview roundId={roundId} reason={reason} judges={state.data?.judges ?? []} />
      <ConflictsPanel roundId={roundId} judges={(state.data?.judges ?? []).filter((j) => !j.revokedAt)} />
    </section>
  );
}

function SheetsOverview({ roundId, reason, judges }: { roundId: JuryRound; reason: string; judges: { userId: string; name: string }[] }) {
  const notify = useNotify();
  const state = useApi(juryEndpoints.sheetsOverview, { params: { roundId } });
  const unlock = useAction(async (judgeId: string, entryId: string) => {
    await call(juryEndpoints.unlockSheet, { params: { roundId, entryId }, body: { judgeId, reason } });
    notify.success("Đã mở khóa phiếu.");
    await state.reload();
  });
  const submitted = (state.data?.sheets ?? []).filter((s) => s.status === "submitted");
  if (!submitted.length) return null;
  return (
    <details className="mt-3">
      <summary>Mở khóa phiếu đã nộp ({submitted.length})</summary>
      <ul>
        {submitted.map((s) => (
          <li key={s.judgeId + s.entryId} className="row">
            <span>
              {judges.find((j) => j.userId === s.judgeId)?.name ?? s.judgeId} · {s.entryCode}
            </span>
            <Button size="small" variant="tertiary" disabled={unlock.busy || reason.trim().length < 3} onClick={() => void unlock.run(s.judgeId, s.entryId)}>
              Mở khóa
            </Button>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function JuryOrganizerPage() {
  const [roundId, setRoundId] = useState<JuryRound>("stage2");
  const navigate = useNavigate();
  return (
    <Page className="page jury-organizer">
      <Box p={4}>
        <Text.Title size="xLarge">Hội đồng chấm</Text.Title>
        <RoundTabs value={roundId} onChange={setRoundId} />
        <Judges key={`j-${roundId}`} roundId={roundId} />
        <RoundResults key={`r-${roundId}`} roundId={roundId} />
        {roundId === "stage3" ? <FinalControl /> : null}
        <Button className="mt-3" fullWidth variant="secondary" onClick={() => navigate(paths.presenter.getHref())}>
          Mở màn hình trình chiếu
        </Button>
      </Box>
    </Page>
  );
}
