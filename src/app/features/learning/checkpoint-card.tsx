import { useState } from "react";
import { Button, Text } from "zmp-ui";
import type { CheckpointView } from "../../../domain/learning/learning.schema";

/** A practice question that pauses the video. It is never scored. */
export function CheckpointCard(props: { checkpoint: CheckpointView; onContinue: () => void }) {
  const { checkpoint: c } = props;
  const [chosen, setChosen] = useState<number | null>(null);
  const right = chosen === c.correctIndex;
  return (
    <section className="card checkpoint mt-3" role="group" aria-labelledby="checkpoint-q">
      <Text size="small" className="muted">Câu hỏi ôn tập · không tính điểm</Text>
      <Text bold id="checkpoint-q" className="mt-1">{c.question}</Text>
      <div className="checkpoint-options mt-2" role="radiogroup" aria-label="Các phương án">
        {c.options.map((o, i) => (
          <button
            key={o}
            type="button"
            role="radio"
            aria-checked={chosen === i}
            disabled={chosen !== null}
            className={`checkpoint-option${chosen !== null && i === c.correctIndex ? " correct" : ""}${chosen === i && !right ? " wrong" : ""}`}
            onClick={() => setChosen(i)}
          >
            {o}
          </button>
        ))}
      </div>
      {chosen !== null ? (
        <div className="mt-2" role="status">
          <Text bold className={right ? "ok-text" : "error-text"}>{right ? "Chính xác!" : "Chưa đúng."}</Text>
          <Text size="small" className="mt-1">{c.explanation}</Text>
        </div>
      ) : null}
      <Button className="mt-3" fullWidth variant={chosen === null ? "tertiary" : "primary"} onClick={props.onContinue}>
        {chosen === null ? "Bỏ qua, xem tiếp" : "Xem tiếp"}
      </Button>
    </section>
  );
}
