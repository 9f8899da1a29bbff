import { useEffect, useRef, useState } from "react";
import { Box, Button, Icon, Progress, Text, useNavigate } from "zmp-ui";
import type { LessonDetailResponse } from "../../../domain/learning/learning.schema";
import { paths } from "../../shared/config/paths";
import { CheckpointCard } from "./checkpoint-card";
import { formatClock, formatRate, percent } from "./learning-format";
import { mediaSrc } from "./media-src";
import { NotificationConsentPrompt, useShouldAskConsent } from "./notification-consent-prompt";
import { type PlayerState, useLessonPlayer } from "./use-lesson-player";
import { useSubtitleTrack } from "./use-subtitle-track";

const RATES = [1, 1.25, 1.5, 1.75, 2];

/** Watched so far against what completes the lesson; then the way on (the next lesson, or the test). */
function ProgressCard({ data, state }: { data: LessonDetailResponse; state: PlayerState }) {
  const navigate = useNavigate();
  const completed = state.progress.completed;
  const completedCount = state.justCompleted?.completedCount ?? data.completedCount;
  const allDone = completedCount >= data.total;
  const next = data.next;
  const needed = Math.round(data.rules.completionThreshold * 100);
  return (
    <section className="card mt-3" aria-label="Tiến độ bài học">
      {completed ? (
        <Text bold className="ok-text lesson-done" role="status">
          <span aria-hidden="true">
            <Icon icon="zi-check-circle-solid" />
          </span>
          Đã hoàn thành bài học
        </Text>
      ) : (
        <Text role="status">Đã xem {percent(state.liveCoverage)}% · cần xem {needed}% để hoàn thành</Text>
      )}
      <Progress className="mt-2" completed={percent(state.liveCoverage)} maxCompleted={100} strokeWidth={8} />
      {state.offline ? (
        <Text size="small" className="banner banner-offline mt-2" role="status">
          Đang mất mạng. Tiến độ xem được lưu trên máy và sẽ tự gửi khi có mạng.
        </Text>
      ) : null}
      {completed && allDone ? (
        <div className="mt-3">
          <Text bold>Bạn đã hoàn thành tất cả {data.total} bài học!</Text>
          <Button className="mt-2" fullWidth onClick={() => navigate(paths.test.getHref())}>Làm bài kiểm tra</Button>
        </div>
      ) : completed && next ? (
        <Button className="mt-3" fullWidth onClick={() => navigate(paths.lesson.getHref(next.id))}>
          Bài tiếp theo: {next.title}
        </Button>
      ) : null}
    </section>
  );
}

/** The lesson's key points, and its transcript on demand. */
function LessonNotes({ keyPoints, transcript }: { keyPoints: readonly string[]; transcript: string }) {
  const [transcriptOpen, setTranscriptOpen] = useState(false);
  return (
    <>
      <section className="mt-4" aria-labelledby="keypoints-title">
        <Text.Title id="keypoints-title" size="large">Ý chính</Text.Title>
        <ul className="key-points">
          {keyPoints.map((k) => (
            <li key={k}>{k}</li>
          ))}
        </ul>
      </section>

      <section className="mt-4">
        <Button variant="secondary" fullWidth aria-expanded={transcriptOpen} aria-controls="transcript" onClick={() => setTranscriptOpen((o) => !o)}>
          {transcriptOpen ? "Ẩn lời giảng" : "Xem lời giảng"}
        </Button>
        {transcriptOpen ? (
          <div id="transcript" className="card transcript mt-2" aria-label="Lời giảng">
            <Text>{transcript}</Text>
          </div>
        ) : null}
      </section>
    </>
  );
}

export function LessonPlayer({ data, userId, startAt }: { data: LessonDetailResponse; userId: string; startAt?: number }) {
  const { lesson, rules } = data;
  const videoRef = useRef<HTMLVideoElement>(null);
  const { state, handlers, setRate, continueAfterCheckpoint } = useLessonPlayer(videoRef, data, userId, startAt);
  const track = useSubtitleTrack(lesson.subtitlesUrl);
  // Off by default when the words are already drawn in the video: two texts on top of each other read as neither.
  const [subtitlesOn, setSubtitlesOn] = useState(!lesson.captionsInVideo);
  const [videoError, setVideoError] = useState(false);
  const [buffering, setBuffering] = useState(false);
  const shouldAsk = useShouldAskConsent();
  const [askConsent, setAskConsent] = useState(false);

  useEffect(() => {
    if (state.justCompleted && shouldAsk) setAskConsent(true);
  }, [state.justCompleted, shouldAsk]);

  const applySubtitles = () => {
    const tt = videoRef.current?.textTracks[0];
    if (tt) tt.mode = subtitlesOn ? "showing" : "hidden";
  };
  useEffect(applySubtitles);

  const retryVideo = () => {
    setVideoError(false);
    videoRef.current?.load();
  };

  const checkpoint = state.activeCheckpoint !== null ? lesson.checkpoints[state.activeCheckpoint] : undefined;
  const rates = RATES.filter((r) => r <= rules.maxPlaybackRate);

  return (
    <Box>
      <Text size="small" className="muted">Bài {lesson.order}/{data.total}</Text>
      <Text.Title size="xLarge" className="mt-1">{lesson.title}</Text.Title>

      <div className="lesson-video mt-3">
        <video
          ref={videoRef}
          controls
          playsInline
          preload="metadata"
          poster={mediaSrc(lesson.posterUrl)}
          controlsList="nodownload noplaybackrate"
          disablePictureInPicture
          aria-label={`Video bài ${lesson.order}: ${lesson.title}`}
          {...handlers}
          onWaiting={() => setBuffering(true)}
          onPlaying={() => {
            setBuffering(false);
            handlers.onPlaying();
          }}
          onCanPlay={() => setBuffering(false)}
          onError={() => setVideoError(true)}
        >
          {lesson.sources.map((s) => (
            <source key={s.src} src={mediaSrc(s.src)} type={s.type} onError={() => setVideoError(true)} />
          ))}
          {track.src ? <track kind="subtitles" srcLang="vi" label="Tiếng Việt" src={track.src} default onLoad={applySubtitles} /> : null}
        </video>
        {buffering ? (
          <div className="lesson-video-note" role="status">Đang tải video…</div>
        ) : null}
      </div>
      {videoError ? (
        <Box className="banner banner-offline" role="alert">
          <Text>Không tải được video. Vui lòng kiểm tra kết nối mạng rồi thử lại.</Text>
          <Button className="mt-2" size="small" variant="secondary" onClick={retryVideo}>Tải lại video</Button>
        </Box>
      ) : null}

      {state.resumedFrom !== null ? (
        <Text size="small" className="muted mt-2" role="status">
          {startAt !== undefined && state.resumedFrom === startAt ? `Mở tại đoạn bài giảng liên quan: ${formatClock(state.resumedFrom)}` : `Tiếp tục từ ${formatClock(state.resumedFrom)}`}
        </Text>
      ) : null}

      <div className="lesson-tools mt-3">
        <div role="group" aria-label="Tốc độ phát" className="rate-buttons">
          {rates.map((r) => (
            <button key={r} type="button" className="pill" aria-pressed={Math.abs(state.rate - r) < 1e-6} onClick={() => setRate(r)}>
              {formatRate(r)}
            </button>
          ))}
        </div>
        <button type="button" className="pill" aria-pressed={subtitlesOn} disabled={!track.src} onClick={() => setSubtitlesOn((on) => !on)}>
          {track.failed ? "Không tải được phụ đề" : subtitlesOn ? "Phụ đề: Bật" : "Phụ đề: Tắt"}
        </button>
      </div>

      {checkpoint ? <CheckpointCard key={state.activeCheckpoint} checkpoint={checkpoint} onContinue={continueAfterCheckpoint} /> : null}

      <ProgressCard data={data} state={state} />

      <LessonNotes keyPoints={lesson.keyPoints} transcript={lesson.transcript} />

      <NotificationConsentPrompt visible={askConsent} onDone={() => setAskConsent(false)} />
    </Box>
  );
}
