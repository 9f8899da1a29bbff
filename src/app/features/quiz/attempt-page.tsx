import { useEffect, useMemo, useRef, useState } from "react";
import { useParams } from "react-router-dom";
import { Box, Button, Modal, Page, Text, useNavigate } from "zmp-ui";
import type { AttemptResponse } from "../../../domain/quiz/quiz.schema";
import { formatVnDateTime } from "../../../domain/shared/time";
import { LoadState } from "../../shared/components/load-state";
import { paths } from "../../shared/config/paths";
import { useNotify } from "../../shared/hooks/use-error-snackbar";
import { useServerNow } from "../../shared/state/server-clock";
import { formatClock, formatDuration, formatScore, LETTERS, STATUS_TEXT } from "./quiz-format";
import { useAttempt, type AnswerView } from "./use-attempt";

type AttemptState = ReturnType<typeof useAttempt>;

const WARNINGS = [
  { atMs: 5 * 60_000, text: "Còn 5 phút làm bài. Hãy kiểm tra các câu chưa trả lời." },
  { atMs: 60_000, text: "Còn 1 phút làm bài. Bài sẽ tự nộp khi hết giờ." },
];

/** Counts down from the server's dueAt on the server's clock; warns at 5 and 1 minutes; submits at 0. */
function useCountdown(dueAt: string, onTimeUp: () => void) {
  const now = useServerNow(1000);
  const notify = useNotify();
  const remaining = Date.parse(dueAt) - now.getTime();
  const warned = useRef(new Set<number>());
  const [warning, setWarning] = useState<string | null>(null);
  const timeUp = useRef(false);
  useEffect(() => {
    for (const w of WARNINGS) {
      if (remaining <= w.atMs && remaining > 0 && !warned.current.has(w.atMs)) {
        // Mark every larger threshold too: reopening with 40 s left warns once, not twice.
        WARNINGS.filter((x) => x.atMs >= w.atMs).forEach((x) => warned.current.add(x.atMs));
        setWarning(w.text);
        notify.info(w.text);
      }
    }
    if (remaining <= 0 && !timeUp.current) {
      timeUp.current = true;
      onTimeUp();
    }
  }, [remaining, notify, onTimeUp]);
  return { remaining, warning };
}

function saveText(a: AttemptState, answered: number): string {
  if (a.pendingCount === 0) return answered ? "Đã lưu" : "Chưa có câu trả lời";
  return a.online ? "Đang lưu…" : `${a.pendingCount} câu chờ gửi`;
}

function QuestionNavigator(props: {
  questions: AttemptResponse["questions"];
  answers: Record<string, AnswerView>;
  flagged: string[];
  current: number;
  onGo: (index: number) => void;
}) {
  return (
    <nav aria-label="Danh sách câu hỏi" className="quiz-navigator mt-4">
      <ol className="quiz-grid">
        {props.questions.map((q, i) => {
          const a = props.answers[q.id];
          const flag = props.flagged.includes(q.id);
          const label = `Câu ${q.number}, ${a ? (a.saved ? "đã trả lời" : "đã trả lời, chờ gửi") : "chưa trả lời"}${flag ? ", đã đánh dấu" : ""}`;
          const cls = ["quiz-cell", a ? "answered" : "", a && !a.saved ? "pending" : "", flag ? "flagged" : "", i === props.current ? "current" : ""].filter(Boolean).join(" ");
          return (
            <li key={q.id}>
              <button type="button" className={cls} aria-label={label} aria-current={i === props.current ? "step" : undefined} onClick={() => props.onGo(i)}>
                {q.number}
              </button>
            </li>
          );
        })}
      </ol>
      <p className="quiz-legend muted">
        <span className="quiz-swatch answered" aria-hidden /> Đã trả lời <span className="quiz-swatch flagged" aria-hidden /> Đánh dấu xem lại <span className="quiz-swatch" aria-hidden /> Chưa trả lời
      </p>
    </nav>
  );
}

function Taking({ a, d }: { a: AttemptState; d: AttemptResponse }) {
  const questions = d.questions;
  const [index, setIndex] = useState(() => Math.max(0, questions.findIndex((q) => !a.answers[q.id])));
  const [confirming, setConfirming] = useState(false);
  const questionRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    // A new question starts at its stem, not wherever the last one was scrolled to.
    if (firstRender.current) firstRender.current = false;
    else questionRef.current?.scrollIntoView?.({ block: "start" });
  }, [index]);
  const submitRef = useRef(a.submit);
  submitRef.current = a.submit;
  const onTimeUp = useMemo(() => () => void submitRef.current(), []);
  const { remaining, warning } = useCountdown(d.attempt.dueAt, onTimeUp);
  const timeUp = remaining <= 0;

  // Time is up but answers were still on the phone: keep trying to hand the attempt in.
  useEffect(() => {
    if (!timeUp) return;
    const id = setInterval(() => void submitRef.current(), 5000);
    return () => clearInterval(id);
  }, [timeUp]);

  const q = questions[index]!;
  const chosen = a.answers[q.id];
  const flagged = a.flagged.includes(q.id);
  const answered = questions.filter((x) => a.answers[x.id]).length;
  const unanswered = questions.filter((x) => !a.answers[x.id]).map((x) => x.number);

  const confirmSubmit = async () => {
    setConfirming(false);
    await a.submit();
  };

  return (
    <Box p={4} className="quiz-taking">
      <header className="quiz-bar">
        <div role="timer" aria-label="Thời gian còn lại" className={remaining <= 5 * 60_000 ? "quiz-timer warn" : "quiz-timer"}>
          {timeUp ? "Hết giờ" : formatClock(remaining)}
        </div>
        <div className={a.pendingCount ? "quiz-save waiting" : "quiz-save"} role="status" aria-label="Trạng thái lưu">
          {a.pendingCount ? null : <span aria-hidden>✓ </span>}
          {saveText(a, answered)}
        </div>
      </header>
      {!a.online ? (
        <p role="alert" className="banner banner-offline">
          Mất kết nối — câu trả lời của bạn được giữ trên điện thoại này và sẽ tự gửi khi có mạng.
        </p>
      ) : null}
      {warning && !timeUp ? <p className="banner banner-warn" aria-live="assertive">{warning}</p> : null}
      {timeUp ? <p className="banner banner-warn" aria-live="assertive">Đã hết giờ làm bài. Đang nộp bài…</p> : null}

      <section ref={questionRef} className="card quiz-question mt-3" aria-labelledby={`stem-${q.id}`}>
        <div className="quiz-question-head">
          <Text bold>
            Câu {q.number}/{questions.length}
          </Text>
          <button type="button" className={flagged ? "quiz-flag on" : "quiz-flag"} aria-pressed={flagged} onClick={() => a.toggleFlag(q.id)}>
            {flagged ? "★ Đã đánh dấu" : "☆ Đánh dấu xem lại"}
          </button>
        </div>
        <p id={`stem-${q.id}`} className="quiz-stem">
          {q.stem}
        </p>
        <div role="radiogroup" aria-labelledby={`stem-${q.id}`} className="quiz-options">
          {q.options.map((o, i) => {
            const selected = chosen?.optionId === o.id;
            return (
              <button
                key={o.id}
                type="button"
                role="radio"
                aria-checked={selected}
                disabled={timeUp}
                className={selected ? "quiz-option selected" : "quiz-option"}
                onClick={() => a.choose(q.id, o.id)}
              >
                <span className="quiz-letter" aria-hidden>
                  {LETTERS[i]}
                </span>
                <span>{o.text}</span>
              </button>
            );
          })}
        </div>
      </section>

      <div className="quiz-steps mt-3">
        <Button variant="secondary" disabled={index === 0} onClick={() => setIndex(index - 1)}>
          Câu trước
        </Button>
        <Button variant="secondary" disabled={index === questions.length - 1} onClick={() => setIndex(index + 1)}>
          Câu sau
        </Button>
      </div>

      <QuestionNavigator questions={questions} answers={a.answers} flagged={a.flagged} current={index} onGo={setIndex} />

      <Text className="mt-3 muted">
        Đã trả lời {answered}/{questions.length} câu · Hạn nộp {formatVnDateTime(d.attempt.dueAt)}
      </Text>
      <Button className="mt-3" fullWidth loading={a.submitting} disabled={a.submitting || timeUp} onClick={() => setConfirming(true)}>
        Nộp bài
      </Button>

      <Modal
        visible={confirming}
        title="Nộp bài?"
        onClose={() => setConfirming(false)}
        actions={[
          { text: "Làm tiếp", close: true, onClick: () => setConfirming(false) },
          { text: "Xác nhận nộp bài", highLight: true, onClick: () => void confirmSubmit() },
        ]}
      >
        <div className="quiz-confirm">
          {unanswered.length ? (
            <p>
              Bạn còn <strong>{unanswered.length} câu chưa trả lời</strong>: {unanswered.map((n) => `câu ${n}`).join(", ")}.
            </p>
          ) : (
            <p>Bạn đã trả lời đủ {questions.length} câu.</p>
          )}
          {a.pendingCount ? <p>{a.pendingCount} câu trả lời đang chờ gửi; ứng dụng sẽ gửi xong rồi mới nộp.</p> : null}
          <p>Sau khi nộp, bạn không thể sửa câu trả lời.</p>
        </div>
      </Modal>
    </Box>
  );
}

function AttemptResult({ d, lateAnswers }: { d: AttemptResponse; lateAnswers: number }) {
  const navigate = useNavigate();
  const now = useServerNow(30_000);
  const r = d.result;
  const { attempt } = d;
  if (!r) return null;
  const reviewOpen = attempt.reviewOpensAt !== null && Date.parse(attempt.reviewOpensAt) <= now.getTime();
  return (
    <Box p={4}>
      <section className="card quiz-result" aria-labelledby="result-title">
        <Text.Title id="result-title" size="large">
          Kết quả lượt {attempt.number}
        </Text.Title>
        <p className="quiz-score" aria-label="Điểm">
          {formatScore(r.score)} <small>điểm / 100</small>
        </p>
        <dl className="profile">
          <dt>Số câu đúng</dt>
          <dd>
            {r.correctCount}/{r.questionCount} câu
          </dd>
          <dt>Thời gian làm bài</dt>
          <dd>{formatDuration(r.timeUsedSec)}</dd>
          <dt>Xếp hạng trong đơn vị</dt>
          <dd>{r.rank ? `${r.rank.position}/${r.rank.of} – ${r.rank.unitName}` : "Chưa có đơn vị"}</dd>
          <dt>Trạng thái</dt>
          <dd>{STATUS_TEXT[attempt.status]}</dd>
        </dl>
        {lateAnswers ? (
          <p className="banner banner-offline mt-3">{lateAnswers} câu trả lời đến máy chủ sau giờ nộp bài nên không được tính.</p>
        ) : null}
      </section>
      {reviewOpen ? (
        <Button className="mt-4" fullWidth onClick={() => navigate(paths.review.getHref(attempt.id))}>
          Xem đáp án và giải thích
        </Button>
      ) : (
        <Text className="mt-4 muted">
          {attempt.reviewOpensAt ? `Đáp án và giải thích sẽ được công bố sau ${formatVnDateTime(attempt.reviewOpensAt)}.` : "Ban tổ chức không công bố đáp án của bài kiểm tra."}
        </Text>
      )}
      <Button className="mt-3" fullWidth variant="secondary" onClick={() => navigate(paths.test.getHref())}>
        Về trang Kiểm tra
      </Button>
    </Box>
  );
}

/** paths.attempt: take the test (one question per screen), or see the result once it is over. */
export function AttemptPage() {
  const { attemptId = "" } = useParams();
  const a = useAttempt(attemptId);
  return (
    <Page className="page quiz-attempt">
      <LoadState data={a.data} error={a.error} loading={a.loading} reload={() => void a.reload()}>
        {(d) => (d.attempt.status === "active" ? <Taking a={a} d={d} /> : <AttemptResult d={d} lateAnswers={a.lateAnswers} />)}
      </LoadState>
    </Page>
  );
}
