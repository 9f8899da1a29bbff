import { useParams } from "react-router-dom";
import { Box, Button, Page, Text, useNavigate } from "zmp-ui";
import { quizEndpoints } from "../../../domain/quiz/quiz.endpoints";
import type { ReviewItem } from "../../../domain/quiz/quiz.schema";
import { useApi } from "../../shared/api/use-api";
import { LoadState } from "../../shared/components/load-state";
import { paths } from "../../shared/config/paths";
import { formatClock, formatScore, LETTERS } from "./quiz-format";

function ReviewCard({ item }: { item: ReviewItem }) {
  const navigate = useNavigate();
  return (
    <li className={`card quiz-review-item ${item.correct ? "right" : "wrong"}`} aria-label={`Câu ${item.number}: ${item.correct ? "đúng" : "sai"}`}>
      <Text bold>
        Câu {item.number} · {item.correct ? "Đúng" : item.chosenOptionId ? "Sai" : "Chưa trả lời"}
      </Text>
      <p className="quiz-stem">{item.stem}</p>
      <ul className="quiz-review-options">
        {item.options.map((o, i) => {
          const isRight = o.id === item.correctOptionId;
          const isMine = o.id === item.chosenOptionId;
          return (
            <li key={o.id} className={isRight ? "right" : isMine ? "wrong" : ""}>
              <span className="quiz-letter" aria-hidden>
                {LETTERS[i]}
              </span>
              <span>
                {o.text}
                {isRight ? <strong className="quiz-tag"> — Đáp án đúng</strong> : null}
                {isMine && !isRight ? <strong className="quiz-tag"> — Bạn chọn</strong> : null}
              </span>
            </li>
          );
        })}
      </ul>
      <Text className="mt-2">
        <strong>Giải thích:</strong> {item.explanation}
      </Text>
      {item.lesson.id ? (
        <Button
          className="mt-2"
          size="small"
          variant="tertiary"
          onClick={() => navigate(`${paths.lesson.getHref(item.lesson.id)}?t=${item.lessonMomentSec}`)}
        >
          ▶ Xem lại Bài {item.lesson.order} – nội dung ở phút {formatClock(item.lessonMomentSec * 1000)}
        </Button>
      ) : null}
    </li>
  );
}

/** paths.review: right answers, explanations and lesson moments, once the review policy allows. */
export function ReviewPage() {
  const { attemptId = "" } = useParams();
  const review = useApi(quizEndpoints.review, { params: { id: attemptId } });
  const navigate = useNavigate();
  return (
    <Page className="page quiz-review">
      <LoadState {...review} reload={() => void review.reload()}>
        {(r) => (
          <Box p={4}>
            <Text.Title size="xLarge">Đáp án lượt {r.attempt.number}</Text.Title>
            <Text className="mt-1">
              {formatScore(r.result.score)} điểm · {r.result.correctCount}/{r.result.questionCount} câu đúng
            </Text>
            <ol className="quiz-review-list">
              {r.items.map((item) => (
                <ReviewCard key={item.questionId} item={item} />
              ))}
            </ol>
            <Button className="mt-4" fullWidth variant="secondary" onClick={() => navigate(paths.test.getHref())}>
              Về trang Kiểm tra
            </Button>
          </Box>
        )}
      </LoadState>
    </Page>
  );
}
