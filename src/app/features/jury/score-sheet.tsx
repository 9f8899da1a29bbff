import { useState } from "react";
import { Button, Text } from "zmp-ui";
import type { z } from "zod";
import type { Criterion } from "../../../domain/jury/jury.config";
import { juryEndpoints } from "../../../domain/jury/jury.endpoints";
import type { BlindEntrySchema, JuryRound } from "../../../domain/jury/jury.schema";
import { commentRequired, weightedScore } from "../../../domain/jury/scoring";
import { ApiRequestError } from "../../shared/api/api-client";
import { call, urlOf } from "../../shared/api/call";
import { downloadApiFile } from "../../shared/api/transfer";
import { useAction } from "../../shared/api/use-action";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useSession } from "../../shared/state/session-state";
import { fmt2, fmtSize } from "./jury-texts";

type Entry = z.infer<typeof BlindEntrySchema>;
type Scores = Record<string, { score: number; comment?: string }>;

function CriterionSlider(props: { c: Criterion; step: number; value: { score: number; comment?: string } | undefined; needsComment: boolean; locked: boolean; error?: string; onChange: (v: { score: number; comment?: string }) => void }) {
  const { c, value } = props;
  const id = `crit-${c.key}`;
  const anchors = Object.entries(c.anchors).sort((a, b) => Number(a[0]) - Number(b[0]));
  return (
    <div className="criterion">
      <label htmlFor={id} className="criterion-name">
        {c.name} <span className="muted">(trọng số {Math.round(c.weight * 100) / 100})</span>
      </label>
      <Text size="small">{c.description}</Text>
      {anchors.length ? (
        <ul className="anchors">
          {anchors.map(([k, v]) => (
            <li key={k}>
              <strong>{k}</strong>: {v}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="slider-row">
        <input id={id} type="range" min={0} max={10} step={props.step} value={value?.score ?? 5} disabled={props.locked} onChange={(e) => props.onChange({ ...value, score: Number(e.target.value) })} aria-valuetext={value ? `${value.score} điểm` : "chưa chấm"} />
        <output htmlFor={id} className="slider-value">
          {value ? value.score : "–"}
        </output>
      </div>
      {props.needsComment || value?.comment ? (
        <textarea
          aria-label={`Nhận xét cho ${c.name}`}
          className="comment"
          placeholder={props.needsComment ? "Bắt buộc nhận xét khi cho điểm rất thấp hoặc rất cao" : "Nhận xét"}
          value={value?.comment ?? ""}
          disabled={props.locked}
          onChange={(e) => props.onChange({ score: value?.score ?? 5, comment: e.target.value })}
        />
      ) : null}
      {props.error ? (
        <Text size="small" className="field-error" role="alert">
          {props.error}
        </Text>
      ) : null}
    </div>
  );
}

/**
 * The entry's files as blind copies (no author or unit in them, named by entry code). In Zalo the
 * download goes through a 5-minute signed link, since Zalo's downloader cannot send the bearer.
 */
function BlindFiles({ roundId, entry }: { roundId: JuryRound; entry: Entry }) {
  const { session } = useSession();
  const notify = useNotify();
  const download = useAction(async (file: Entry["files"][number]) => {
    const params = { roundId, entryId: entry.entryId, fileId: file.id };
    await downloadApiFile({ path: urlOf(juryEndpoints.blindFile, { params }), link: () => call(juryEndpoints.blindFileLink, { params }), fileName: file.name, token: session?.token ?? null });
    notify.success(`Đã tải ${file.name}.`);
  });
  if (!entry.files.length) return <Text size="small">Sản phẩm không có tệp đính kèm.</Text>;
  return (
    <ul className="blind-files mt-2" aria-label={`Tệp của ${entry.entryCode}`}>
      {entry.files.map((f) => (
        <li key={f.id} className="row mt-1">
          <span>
            {f.name} <span className="muted">({fmtSize(f.size)})</span>
          </span>
          <Button size="small" variant="secondary" disabled={download.busy} onClick={() => void download.run(f)} aria-label={`Tải ${f.name}`}>
            Tải về
          </Button>
        </li>
      ))}
    </ul>
  );
}

/** One blind entry's score sheet: sliders with the criterion text and anchors, draft and submit. */
export function ScoreSheet(props: { roundId: JuryRound; entry: Entry; rubric: Criterion[]; step: number; extremes: { low: number; high: number }; onSaved: () => void }) {
  const notify = useNotify();
  const sheet = props.entry.sheet;
  const locked = sheet?.status === "submitted";
  const [scores, setScores] = useState<Scores>(sheet?.scores ?? {});
  const [comment, setComment] = useState(sheet?.comment ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const complete = props.rubric.every((c) => scores[c.key]);
  const total = complete ? weightedScore(Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, v.score])), props.rubric) : null;

  const saving = useAction(
    async (submit: boolean) => {
      setErrors({});
      await call(juryEndpoints.saveSheet, { params: { roundId: props.roundId, entryId: props.entry.entryId }, body: { scores, comment: comment || undefined, submit } });
      notify.success(submit ? "Đã nộp phiếu chấm. Phiếu đã được khóa." : "Đã lưu nháp.");
      props.onSaved();
    },
    {
      // The server names the criterion that needs a comment: show it beside that slider.
      onError: (err) => {
        if (err instanceof ApiRequestError && err.fields) setErrors(err.fields);
      },
    },
  );
  const busy = saving.busy;
  const save = saving.run;

  return (
    <section className="card score-sheet" aria-label={`Phiếu chấm ${props.entry.entryCode}`}>
      <Text.Title size="large">
        {props.entry.entryCode}: {props.entry.title}
      </Text.Title>
      <Text className="mt-2">{props.entry.summary}</Text>
      <BlindFiles roundId={props.roundId} entry={props.entry} />
      {locked ? <Text className="mt-2 locked">Phiếu đã nộp và bị khóa. Liên hệ Ban tổ chức nếu cần sửa.</Text> : null}
      {props.rubric.map((c) => (
        <CriterionSlider
          key={c.key}
          c={c}
          step={props.step}
          value={scores[c.key]}
          locked={locked}
          needsComment={scores[c.key] !== undefined && commentRequired(scores[c.key]!.score, props.extremes)}
          error={errors[`scores.${c.key}`] ?? errors[`scores.${c.key}.comment`]}
          onChange={(v) => setScores((s) => ({ ...s, [c.key]: v }))}
        />
      ))}
      <textarea aria-label="Nhận xét chung" className="comment" placeholder="Nhận xét chung (không bắt buộc)" value={comment} disabled={locked} onChange={(e) => setComment(e.target.value)} />
      <Text className="mt-2 total">Tổng điểm có trọng số: {total === null ? "chưa đủ tiêu chí" : fmt2(total)}</Text>
      {!locked ? (
        <div className="actions mt-3">
          <Button variant="secondary" disabled={busy} onClick={() => void save(false)}>
            Lưu nháp
          </Button>
          <Button disabled={busy || !complete} loading={busy} onClick={() => void save(true)}>
            Nộp phiếu
          </Button>
        </div>
      ) : null}
    </section>
  );
}
