#!/usr/bin/env bash
# Renders the demo lesson media for "Học vụ AI" from tools/slides.json:
#   media/bai-NN.mp4  slide video, 640x360, 10 fps, H.264 (main), yuv420p, no audio, faststart
#   media/bai-NN.jpg  poster (first slide)
#   media/bai-NN.vtt  Vietnamese WebVTT captions, one cue per slide
#   lessons.json      lesson list with durationSec measured by ffprobe
#
# Usage: tools/render-media.sh            # all lessons
#        tools/render-media.sh bai-03     # one lesson (lessons.json is still rebuilt from all media)
# Needs: bash, ffmpeg/ffprobe (with drawtext/libfreetype), node, fonts-dejavu-core.
# The generated files are committed; CI does not need ffmpeg.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
MEDIA="$ROOT/media"
DATA="$HERE/slides.json"
ONLY="${1:-}"

FONT="${FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf}"
FONT_BOLD="${FONT_BOLD:-/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf}"
MAX_MP4_BYTES=$((250 * 1024))
MAX_JPG_BYTES=$((40 * 1024))

for tool in ffmpeg ffprobe node; do
  command -v "$tool" >/dev/null || { echo "render-media: $tool not found" >&2; exit 1; }
done
for f in "$FONT" "$FONT_BOLD"; do
  [[ -f "$f" ]] || { echo "render-media: font $f missing (apt-get install -y fonts-dejavu-core)" >&2; exit 1; }
done

W=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).style.width)' "$DATA")
H=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).style.height)' "$DATA")
FPS=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).style.fps)' "$DATA")
CRF=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).style.crf)' "$DATA")

WORK="$(mktemp -d "${TMPDIR:-/tmp}/render-media.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$MEDIA"

# 1. plan: wrapped text files, timings, VTT captions
node "$HERE/media-lib.mjs" plan "$DATA" "$WORK" "$MEDIA" $ONLY > "$WORK/plan.tsv"

# 2. one PNG per slide
HEAD_COLOR="0xFFE08A"   # warm light yellow for headings
BODY_COLOR="0xF4F7FA"   # near-white body text
while IFS=$'\t' read -r id n count dur bg hf bf hy by label; do
  [[ -n "$id" ]] || continue
  bar_w=$(( W * n / count ))
  printf '%s' "$label" > "$WORK/$id/label.txt"
  printf '%s / %s' "$n" "$count" > "$WORK/$id/s$n-count.txt"
  vf="drawbox=x=0:y=0:w=$W:h=40:color=black@0.18:t=fill"
  vf+=",drawtext=fontfile=$FONT_BOLD:textfile=$WORK/$id/label.txt:expansion=none:fontsize=14:fontcolor=white@0.85:x=30:y=13"
  vf+=",drawtext=fontfile=$FONT_BOLD:textfile=$hf:expansion=none:fontsize=26:fontcolor=$HEAD_COLOR:x=30:y=$hy:line_spacing=9"
  vf+=",drawtext=fontfile=$FONT:textfile=$bf:expansion=none:fontsize=24:fontcolor=$BODY_COLOR:x=30:y=$by:line_spacing=11"
  vf+=",drawtext=fontfile=$FONT:textfile=$WORK/$id/s$n-count.txt:expansion=none:fontsize=14:fontcolor=white@0.75:x=w-tw-30:y=h-32"
  vf+=",drawbox=x=0:y=$((H - 6)):w=$W:h=6:color=white@0.15:t=fill"
  vf+=",drawbox=x=0:y=$((H - 6)):w=$bar_w:h=6:color=$HEAD_COLOR@0.9:t=fill"
  ffmpeg -nostdin -v error -y -f lavfi -i "color=c=$bg:s=${W}x${H}:r=1" -frames:v 1 -vf "$vf" "$WORK/$id/s$n.png"
  printf '%s\t%s\t%s\n' "$id" "$dur" "$WORK/$id/s$n.png" >> "$WORK/frames.tsv"
done < "$WORK/plan.tsv"

# 3. one video + poster per lesson
for id in $(cut -f1 "$WORK/frames.tsv" | uniq); do
  inputs=()
  chain=""
  keys=""   # a keyframe at the start of every slide
  t=0
  i=0
  while IFS=$'\t' read -r fid dur png; do
    [[ "$fid" == "$id" ]] || continue
    inputs+=(-loop 1 -framerate "$FPS" -t "$dur" -i "$png")
    chain+="[$i:v]"
    keys+="${keys:+,}$t"
    t=$((t + dur))
    i=$((i + 1))
  done < "$WORK/frames.tsv"
  ffmpeg -nostdin -v error -y "${inputs[@]}" \
    -filter_complex "${chain}concat=n=$i:v=1:a=0,format=yuv420p[v]" -map "[v]" -an \
    -c:v libx264 -profile:v main -preset veryslow -tune stillimage -crf "$CRF" -r "$FPS" -g $((FPS * 10)) -force_key_frames "$keys" \
    -threads 1 -map_metadata -1 -fflags +bitexact -flags:v +bitexact -movflags +faststart \
    "$MEDIA/$id.mp4"
  first_png=$(awk -F'\t' -v id="$id" '$1 == id { print $3; exit }' "$WORK/frames.tsv")
  ffmpeg -nostdin -v error -y -i "$first_png" -q:v 5 -map_metadata -1 "$MEDIA/$id.jpg"
  mp4_size=$(stat -c %s "$MEDIA/$id.mp4")
  jpg_size=$(stat -c %s "$MEDIA/$id.jpg")
  (( mp4_size <= MAX_MP4_BYTES )) || { echo "render-media: $id.mp4 is $mp4_size bytes (limit $MAX_MP4_BYTES)" >&2; exit 1; }
  (( jpg_size <= MAX_JPG_BYTES )) || { echo "render-media: $id.jpg is $jpg_size bytes (limit $MAX_JPG_BYTES)" >&2; exit 1; }
  echo "render-media: $id.mp4 ${mp4_size} B, $id.jpg ${jpg_size} B"
done

# 4. lessons.json with the real durations of every committed video
: > "$WORK/durations.tsv"
for mp4 in "$MEDIA"/bai-*.mp4; do
  d=$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$mp4")
  printf '%s\t%s\n' "$(basename "$mp4" .mp4)" "$d" >> "$WORK/durations.tsv"
done
node "$HERE/media-lib.mjs" lessons "$DATA" "$WORK/durations.tsv" "$ROOT/lessons.json"
