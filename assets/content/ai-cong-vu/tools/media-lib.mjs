#!/usr/bin/env node
// Helper for render-media.sh (no dependencies, Node >= 18).
//
//   node media-lib.mjs plan <slides.json> <workdir> <mediaDir> [lessonId]
//       Computes slide timing, wraps the slide texts into <workdir>/<id>/sN-*.txt,
//       writes <mediaDir>/<id>.vtt and prints a TSV render plan on stdout:
//       id  slideNo  slideCount  durationSec  bgColor  headingFile  bodyFile  headingY  bodyY  label
//
//   node media-lib.mjs lessons <slides.json> <durations.tsv> <out lessons.json>
//       Builds lessons.json from slides.json and the real durations (id<TAB>seconds, from ffprobe).
import fs from 'node:fs';
import path from 'node:path';

const HEADING_WRAP = 36; // characters per heading line (DejaVu Sans Bold 26px in 580px)
const BODY_WRAP = 42; // characters per body line (DejaVu Sans 24px in 580px)
const TOP_HEADING_Y = 58;
const HEADING_LINE = 36;
const GAP = 20;

function die(msg) {
  console.error(`media-lib: ${msg}`);
  process.exit(1);
}

function readData(file) {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(data.lessons)) die('slides.json: "lessons" must be an array');
  return data;
}

function wrap(text, width) {
  const words = text.trim().split(/\s+/);
  const lines = [];
  let line = '';
  for (const w of words) {
    if (!line) line = w;
    else if ((line + ' ' + w).length <= width) line += ' ' + w;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function timing(lesson, style) {
  const clamp = (v) => Math.max(style.minSlideSec, Math.min(style.maxSlideSec, v));
  const d = lesson.slides.map((s) => clamp(Math.ceil(s.text.length / style.charsPerSec)));
  const sum = () => d.reduce((a, b) => a + b, 0);
  while (sum() > style.maxTotalSec) d[d.indexOf(Math.max(...d))] -= 1;
  while (sum() < style.minTotalSec) d[d.indexOf(Math.min(...d))] += 1;
  const starts = [];
  let t = 0;
  for (const x of d) {
    starts.push(t);
    t += x;
  }
  return { durations: d, starts, total: t };
}

function vttTime(sec) {
  const h = String(Math.floor(sec / 3600)).padStart(2, '0');
  const m = String(Math.floor((sec % 3600) / 60)).padStart(2, '0');
  const s = String(Math.floor(sec % 60)).padStart(2, '0');
  const ms = String(Math.round((sec % 1) * 1000)).padStart(3, '0');
  return `${h}:${m}:${s}.${ms}`;
}

function validate(lesson, n) {
  const where = lesson.id ?? `lesson #${n}`;
  if (!/^bai-\d\d$/.test(lesson.id)) die(`${where}: bad id`);
  if (lesson.slides.length < 4 || lesson.slides.length > 6) die(`${where}: needs 4–6 slides`);
  if (lesson.keyPoints.length < 3 || lesson.keyPoints.length > 5) die(`${where}: needs 3–5 keyPoints`);
  if (lesson.checkpoints.length < 1 || lesson.checkpoints.length > 2) die(`${where}: needs 1–2 checkpoints`);
  for (const c of lesson.checkpoints) {
    if (c.options.length < 2 || c.options.length > 4) die(`${where}: checkpoint needs 2–4 options`);
    if (!(Number.isInteger(c.correctIndex) && c.correctIndex >= 0 && c.correctIndex < c.options.length))
      die(`${where}: correctIndex out of range`);
    if (!(c.afterSlide >= 1 && c.afterSlide < lesson.slides.length))
      die(`${where}: afterSlide must point at a slide before the last one`);
  }
}

function plan([slidesFile, workDir, mediaDir, only]) {
  const data = readData(slidesFile);
  const style = data.style;
  const total = data.lessons.length;
  const rows = [];
  data.lessons.forEach((lesson, i) => {
    validate(lesson, i + 1);
    if (only && lesson.id !== only) return;
    const t = timing(lesson, style);
    const dir = path.join(workDir, lesson.id);
    fs.mkdirSync(dir, { recursive: true });
    const cues = ['WEBVTT', ''];
    lesson.slides.forEach((s, k) => {
      const head = wrap(s.heading, HEADING_WRAP);
      const body = wrap(s.text, BODY_WRAP);
      if (head.length > 2) die(`${lesson.id} slide ${k + 1}: heading too long`);
      if (body.length > 6) die(`${lesson.id} slide ${k + 1}: text too long (${body.length} lines)`);
      const hf = path.join(dir, `s${k + 1}-head.txt`);
      const bf = path.join(dir, `s${k + 1}-body.txt`);
      fs.writeFileSync(hf, head.join('\n'));
      fs.writeFileSync(bf, body.join('\n'));
      const bodyY = TOP_HEADING_Y + head.length * HEADING_LINE + GAP;
      const label = `${data.series} · BÀI ${String(i + 1).padStart(2, '0')}/${total}`;
      rows.push([lesson.id, k + 1, lesson.slides.length, t.durations[k], lesson.color.replace('#', '0x'),
        hf, bf, TOP_HEADING_Y, bodyY, label].join('\t'));
      cues.push(`${k + 1}`, `${vttTime(t.starts[k])} --> ${vttTime(t.starts[k] + t.durations[k])}`, s.text, '');
    });
    fs.mkdirSync(mediaDir, { recursive: true });
    fs.writeFileSync(path.join(mediaDir, `${lesson.id}.vtt`), cues.join('\n'));
  });
  process.stdout.write(rows.join('\n') + '\n');
}

function lessons([slidesFile, durFile, outFile]) {
  const data = readData(slidesFile);
  const dur = new Map(
    fs.readFileSync(durFile, 'utf8').split('\n').filter(Boolean).map((l) => {
      const [id, s] = l.split('\t');
      return [id, Number(s)];
    }),
  );
  const out = data.lessons.map((lesson, i) => {
    validate(lesson, i + 1);
    const t = timing(lesson, data.style);
    const real = dur.get(lesson.id);
    if (!Number.isFinite(real)) die(`${lesson.id}: no measured duration`);
    const durationSec = Math.floor(real);
    if (Math.abs(real - t.total) > 0.5) die(`${lesson.id}: video is ${real}s but plan says ${t.total}s`);
    return {
      id: lesson.id,
      order: i + 1,
      title: lesson.title,
      summary: lesson.summary,
      durationSec,
      video: {
        sources: [{ src: `media/${lesson.id}.mp4`, type: 'video/mp4' }],
        poster: `media/${lesson.id}.jpg`,
        subtitles: `media/${lesson.id}.vtt`,
        // The slides draw the words themselves: the app starts with subtitles off.
        captionsInVideo: true,
      },
      transcript: lesson.slides.map((s) => s.text).join(' '),
      keyPoints: lesson.keyPoints,
      checkpoints: lesson.checkpoints.map((c) => {
        const atSec = t.starts[c.afterSlide - 1] + t.durations[c.afterSlide - 1];
        if (atSec >= durationSec) die(`${lesson.id}: checkpoint at ${atSec}s is past the end`);
        return {
          atSec,
          question: c.question,
          options: c.options,
          correctIndex: c.correctIndex,
          explanation: c.explanation,
        };
      }),
    };
  });
  fs.writeFileSync(outFile, JSON.stringify(out, null, 2) + '\n');
  console.error(`media-lib: wrote ${out.length} lessons to ${outFile}`);
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === 'plan') plan(args);
else if (cmd === 'lessons') lessons(args);
else die('usage: media-lib.mjs plan|lessons …');
