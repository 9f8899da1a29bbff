import { copyFile, open, type FileHandle } from "node:fs/promises";

/**
 * MP4/MOV metadata removed in place, without moving a byte: every box keeps its size, so the
 * sample offsets (stco/co64) stay valid and a multi-gigabyte video is never read into memory.
 * - `udta` and `meta` boxes (titles, artist, comments, encoder, GPS) become zero-filled `free` boxes;
 * - the XMP `uuid` box likewise;
 * - `hdlr` handler names (editors write the author's or the unit's name there) are zeroed;
 * - creation and modification times in `mvhd`/`tkhd`/`mdhd` are zeroed.
 */
export async function blindMp4(input: string, output: string): Promise<void> {
  await copyFile(input, output);
  const fh = await open(output, "r+");
  try {
    await walk(fh, 0, (await fh.stat()).size, 0);
  } finally {
    await fh.close();
  }
}

const CONTAINERS = new Set(["moov", "trak", "mdia", "minf", "stbl", "edts", "moof", "traf"]);
const DROP = new Set(["udta", "meta"]);
const XMP_UUID = "be7acfcb97a942e89c71999491e3afac";
const TIMED = new Set(["mvhd", "tkhd", "mdhd"]);

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

async function zero(fh: FileHandle, from: number, to: number): Promise<void> {
  const chunk = Buffer.alloc(Math.min(64 * 1024, Math.max(0, to - from)));
  for (let at = from; at < to; at += chunk.length) await fh.write(chunk, 0, Math.min(chunk.length, to - at), at);
}

async function walk(fh: FileHandle, start: number, end: number, depth: number): Promise<void> {
  let at = start;
  // Depth bound: a crafted file must not recurse without end.
  while (depth < 8 && at + 8 <= end) {
    const head = await readAt(fh, at, 16);
    if (head.length < 8) return;
    let size = head.readUInt32BE(0);
    const type = head.toString("latin1", 4, 8);
    let headerLen = 8;
    if (size === 1) {
      if (head.length < 16) return;
      size = Number(head.readBigUInt64BE(8));
      headerLen = 16;
    } else if (size === 0) size = end - at;
    if (size < headerLen || at + size > end) return; // malformed: leave the rest as it is
    const body = at + headerLen;
    const boxEnd = at + size;
    if (DROP.has(type) || (type === "uuid" && (await readAt(fh, body, 16)).toString("hex") === XMP_UUID)) {
      await fh.write(Buffer.from("free", "latin1"), 0, 4, at + 4);
      await zero(fh, body, boxEnd);
    } else if (CONTAINERS.has(type)) {
      await walk(fh, body, boxEnd, depth + 1);
    } else if (TIMED.has(type)) {
      const version = (await readAt(fh, body, 1))[0];
      await zero(fh, body + 4, Math.min(boxEnd, body + 4 + (version === 1 ? 16 : 8)));
    } else if (type === "hdlr") {
      await zero(fh, Math.min(boxEnd, body + 24), boxEnd); // after version/flags, pre_defined, type, reserved
    }
    at = boxEnd;
  }
}
