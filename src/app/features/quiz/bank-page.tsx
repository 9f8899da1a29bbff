import { useState } from "react";
import { Box, Button, Text } from "zmp-ui";
import { quizBankEndpoints } from "../../../domain/quiz/bank.endpoints";
import { type BankPreviewResponse, BankPreviewResponseSchema, type BankStateResponse } from "../../../domain/quiz/bank.schema";
import { formatVnDateTime } from "../../../domain/shared/time";
import { apiUrl, call } from "../../shared/api/call";
import { uploadFileTo } from "../../shared/api/transfer";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { useUpload } from "../../shared/api/use-upload";
import { FilePick, UploadProgress } from "../../shared/components/file-upload";
import { LoadState } from "../../shared/components/load-state";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useSession } from "../../shared/state/session-state";
import { BankBrowser } from "./bank-browser";
import { columnLabel, VERSION_STATUS_LABEL } from "./bank-texts";
import { Card, TitledPage } from "../../shared/components/page-layout";

const ACCEPT = ".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv";

function Preview({ preview, onPublish, publishing }: { preview: BankPreviewResponse; onPublish: () => void; publishing: boolean }) {
  if (preview.problems.length > 0)
    return (
      <Box mt={3} role="alert" className="bank-problems">
        <Text bold>
          Tệp {preview.fileName} có {preview.problems.length} lỗi. Chưa có gì thay đổi — hãy sửa tệp rồi tải lên lại.
        </Text>
        <ol className="report-rows" aria-label="Lỗi từng dòng">
          {preview.problems.map((p, i) => (
            <li key={i} className="report-row status-error">
              <span className="report-line">Dòng {p.row}</span>
              {p.column ? <span className="chip">Cột {columnLabel(p.column)}</span> : null}
              <span className="report-problem">{p.message}</span>
            </li>
          ))}
        </ol>
      </Box>
    );
  return (
    <Box mt={3} role="status">
      <Text bold>
        Tệp {preview.fileName} hợp lệ: {preview.questionCount} câu hỏi (bản nháp số {preview.draft?.version}).
      </Text>
      <Text size="small" className="mt-1">
        Số câu theo bài: {preview.perLesson.map((l) => `${l.lessonId}: ${l.count}`).join(", ")}
      </Text>
      {preview.blueprintProblems.length ? (
        <Box mt={2} role="alert">
          <Text bold>Chưa thể áp dụng: ngân hàng không đủ câu để ra đề.</Text>
          <ul>
            {preview.blueprintProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Box>
      ) : (
        <Button className="mt-3" fullWidth loading={publishing} disabled={publishing} onClick={onPublish}>
          Áp dụng ngân hàng mới
        </Button>
      )}
    </Box>
  );
}

function Versions({ state, onRestore, busy }: { state: BankStateResponse; onRestore: (version: number) => void; busy: boolean }) {
  return (
    <Card id="bank-versions" title="Các phiên bản">
      <Text size="small" className="muted mt-1">
        Bài làm đã phát giữ nguyên câu hỏi và đáp án của nó; lượt làm mới dùng phiên bản đang dùng. Đã gỡ {state.retiredCount} câu.
      </Text>
      <ol className="report-rows" aria-label="Phiên bản ngân hàng câu hỏi">
        {state.versions.map((v) => (
          <li key={v.version} className="report-row">
            <span className="report-line">Phiên bản {v.version}</span>
            <span className={`chip${v.status === "published" ? " chip-open" : ""}`}>{VERSION_STATUS_LABEL[v.status]}</span>
            <span>
              {v.source === "pack" ? "Gói nội dung ban đầu" : v.fileName} · {v.questionCount} câu · {formatVnDateTime(v.publishedAt ?? v.createdAt)}
            </span>
            {v.status === "archived" ? (
              <Button size="small" variant="secondary" disabled={busy} onClick={() => onRestore(v.version)}>
                Khôi phục phiên bản {v.version}
              </Button>
            ) : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}

/** Organisers: upload a bank (.csv/.xlsx), read every problem, publish it as a version; restore; browse; retire. */
export function BankPage() {
  const { session } = useSession();
  const notify = useNotify();
  const state = useApi(quizBankEndpoints.state);
  const [browseKey, setBrowseKey] = useState(0);
  const upload = useUpload(
    (f, onProgress) => uploadFileTo({ url: apiUrl(quizBankEndpoints.upload), schema: BankPreviewResponseSchema, file: f, token: session?.token ?? null, onProgress }),
    () => state.reload(),
  );
  const { file, phase, busy } = upload;

  const publish = useAction(async (version: number, restore: boolean) => {
    const next = await call(quizBankEndpoints.publish, { params: { version } });
    state.setData(next);
    setBrowseKey((k) => k + 1);
    notify.success(restore ? `Đã khôi phục phiên bản ${version}.` : `Đã áp dụng phiên bản ${version}. Lượt làm bài mới sẽ dùng ngân hàng này.`);
    if (!restore) upload.reset();
  });

  return (
    <TitledPage className="page" title="Ngân hàng câu hỏi">
      <Card id="bank-upload" title="Tải lên ngân hàng mới">
        <Text size="small" className="muted mt-1">
          Tệp .xlsx hoặc .csv (UTF-8) có các cột: id, lesson, difficulty, stem, option_a … option_f, correct, explanation, lesson_moment_sec — như lệnh quiz:import. Mọi lỗi được báo theo dòng và cột trước khi có gì thay đổi.
        </Text>
        <FilePick accept={ACCEPT} label="Chọn tệp ngân hàng câu hỏi" placeholder="Chọn tệp (.xlsx, .csv)" upload={upload} />
        <Button className="mt-3" fullWidth disabled={!file || busy} loading={busy} onClick={() => void upload.start()}>
          Tải lên và kiểm tra
        </Button>
        <div aria-live="polite">
          {phase.kind === "uploading" ? <UploadProgress fraction={phase.fraction} onCancel={upload.cancel} /> : null}
          {phase.kind === "processing" ? <Text className="mt-3">Đang kiểm tra từng dòng…</Text> : null}
          {phase.kind === "failed" ? (
            <Text className="mt-3" role="alert">
              {phase.message}
            </Text>
          ) : null}
          {phase.kind === "done" ? (
            <Preview preview={phase.result} publishing={publish.busy} onPublish={() => phase.result.draft && void publish.run(phase.result.draft.version, false)} />
          ) : null}
        </div>
      </Card>
      <LoadState {...state}>{(s) => <Versions state={s} busy={publish.busy} onRestore={(v) => void publish.run(v, true)} />}</LoadState>
      <BankBrowser key={browseKey} onRetired={() => void state.reload()} />
    </TitledPage>
  );
}
