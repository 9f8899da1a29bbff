import { useState } from "react";
import { Box, Button, Text, useNavigate } from "zmp-ui";
import { learningEndpoints } from "../../../domain/learning/learning.endpoints";
import { quizBankEndpoints } from "../../../domain/quiz/bank.endpoints";
import type { BankQuestionDetail, BankQuestionsQuery } from "../../../domain/quiz/bank.schema";
import { call } from "../../shared/api/call";
import { useAction } from "../../shared/api/use-action";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { DIFFICULTY_LABEL } from "./bank-texts";

const mmss = (sec: number) => `${Math.floor(sec / 60)}:${String(sec % 60).padStart(2, "0")}`;

function QuestionDetail({ id, onRetired }: { id: string; onRetired: () => void }) {
  const navigate = useNavigate();
  const notify = useNotify();
  const detail = useApi(quizBankEndpoints.question, { params: { id } });
  const [reason, setReason] = useState("");
  const [asking, setAsking] = useState(false);
  const retire = useAction(async () => {
    const next = await call(quizBankEndpoints.retire, { params: { id }, body: { reason: reason.trim() || undefined } });
    detail.setData(next);
    setAsking(false);
    notify.success(`Đã gỡ câu ${id}: câu này không được đưa vào đề nữa.`);
    onRetired();
  });
  return (
    <LoadState {...detail}>
      {(q: BankQuestionDetail) => (
        <Box mt={2} className="bank-detail">
          <ol className="bank-options" type="a">
            {q.options.map((o) => (
              <li key={o.id} className={o.id === q.correctOptionId ? "bank-key" : undefined}>
                {o.text}
                {o.id === q.correctOptionId ? " ✔ (đáp án đúng)" : ""}
              </li>
            ))}
          </ol>
          <Text size="small" className="mt-2">
            <b>Giải thích:</b> {q.explanation}
          </Text>
          <Button className="mt-2" size="small" variant="secondary" onClick={() => navigate(q.lessonLink)}>
            Xem bài {q.lessonTitle ?? q.lessonId} tại phút {mmss(q.lessonMomentSec)}
          </Button>
          <Text size="small" className="muted mt-2">
            Có trong phiên bản: {q.versions.join(", ")}
          </Text>
          {q.retired ? (
            <Text className="mt-2" bold>
              Đã gỡ khỏi ngân hàng (không còn được đưa vào đề; bài đã làm vẫn giữ câu này).
            </Text>
          ) : asking ? (
            <Box mt={2}>
              <label className="field-label">
                Lý do gỡ (không bắt buộc)
                <input className="native-select" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
              </label>
              <Button className="mt-2" size="small" loading={retire.busy} onClick={() => void retire.run()}>
                Xác nhận gỡ câu {q.id}
              </Button>
              <Button className="mt-2" size="small" variant="tertiary" onClick={() => setAsking(false)}>
                Thôi
              </Button>
            </Box>
          ) : (
            <Button className="mt-2" size="small" variant="tertiary" onClick={() => setAsking(true)}>
              Gỡ câu này khỏi ngân hàng
            </Button>
          )}
        </Box>
      )}
    </LoadState>
  );
}

/** Browse and search the published version by lesson, difficulty and text; open a question; retire it. */
export function BankBrowser({ onRetired }: { onRetired: () => void }) {
  const lessons = useApi(learningEndpoints.lessons);
  const [draft, setDraft] = useState<BankQuestionsQuery>({});
  const [query, setQuery] = useState<BankQuestionsQuery>({});
  const [open, setOpen] = useState<string | null>(null);
  const list = useApi(quizBankEndpoints.questions, { query });
  return (
    <section className="card mt-4" aria-labelledby="bank-browse">
      <Text.Title id="bank-browse" size="large">
        Tra cứu câu hỏi
      </Text.Title>
      <form
        className="bank-filters mt-2"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ ...draft, q: draft.q?.trim() || undefined });
        }}
      >
        <label className="field-label">
          Tìm theo nội dung hoặc mã câu
          <input className="native-select" type="search" value={draft.q ?? ""} maxLength={200} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        </label>
        <label className="field-label">
          Bài học
          <select className="native-select" value={draft.lesson ?? ""} onChange={(e) => setDraft({ ...draft, lesson: e.target.value || undefined })}>
            <option value="">Tất cả</option>
            {(lessons.data?.lessons ?? []).map((l) => (
              <option key={l.id} value={l.id}>
                Bài {l.order}: {l.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field-label">
          Độ khó
          <select className="native-select" value={draft.difficulty ?? ""} onChange={(e) => setDraft({ ...draft, difficulty: (e.target.value || undefined) as BankQuestionsQuery["difficulty"] })}>
            <option value="">Tất cả</option>
            <option value="easy">{DIFFICULTY_LABEL.easy}</option>
            <option value="medium">{DIFFICULTY_LABEL.medium}</option>
            <option value="hard">{DIFFICULTY_LABEL.hard}</option>
          </select>
        </label>
        <Button className="mt-2" htmlType="submit" size="small">
          Tìm
        </Button>
      </form>
      <LoadState {...list}>
        {(r) => (
          <>
            <Text size="small" className="muted mt-2">
              Phiên bản {r.version}: {r.total} câu{r.total > r.questions.length ? ` (hiện ${r.questions.length} câu đầu)` : ""}.
            </Text>
            <ol className="report-rows" aria-label="Câu hỏi">
              {r.questions.map((q) => (
                <li key={q.id} className="report-row">
                  <button type="button" className="link-button" aria-expanded={open === q.id} onClick={() => setOpen(open === q.id ? null : q.id)}>
                    <b>{q.id}</b> · {q.lessonId} · {DIFFICULTY_LABEL[q.difficulty]}
                    {q.retired ? " · đã gỡ" : ""} — {q.stem}
                  </button>
                  {open === q.id ? (
                    <QuestionDetail
                      id={q.id}
                      onRetired={() => {
                        onRetired();
                        void list.reload();
                      }}
                    />
                  ) : null}
                </li>
              ))}
            </ol>
          </>
        )}
      </LoadState>
    </section>
  );
}
