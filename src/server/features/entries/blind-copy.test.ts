import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { anonymiseAuthors, blindCopy, blindJpeg, blindPng } from "./blind-copy";

const seg = (marker: number, payload: string) => {
  const body = Buffer.from(payload, "latin1");
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
};

describe("blind copies of images", () => {
  it("JPEG: drops EXIF/XMP, IPTC and comments, keeps JFIF, ICC and the image data", () => {
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      seg(0xe0, "JFIF\0"),
      seg(0xe1, "Exif\0\0Artist=Nguyen Van A"),
      seg(0xe2, "ICC_PROFILE\0"),
      seg(0xed, "Photoshop 3.0 By-line Tran B"),
      seg(0xfe, "UBND phuong X"),
      seg(0xda, "scan"),
      Buffer.from([1, 2, 3, 0xff, 0xd9]),
    ]);
    const out = blindJpeg(jpeg).toString("latin1");
    expect(out).not.toMatch(/Nguyen|Tran B|UBND/);
    expect(out).toContain("JFIF");
    expect(out).toContain("ICC_PROFILE");
    expect(out.endsWith("scan\u0001\u0002\u0003\u00ff\u00d9")).toBe(true);
  });

  it("PNG: drops text and time chunks and stays a valid image", () => {
    const img = new PNG({ width: 2, height: 2 });
    img.data.fill(200);
    const raw = PNG.sync.write(img);
    // Insert a tEXt chunk after IHDR (8 signature + 25 IHDR).
    const text = Buffer.from("Author\0Nguyen Van A", "latin1");
    const chunk = Buffer.alloc(12 + text.length);
    chunk.writeUInt32BE(text.length, 0);
    chunk.write("tEXt", 4, "latin1");
    text.copy(chunk, 8);
    const withText = Buffer.concat([raw.subarray(0, 33), chunk, raw.subarray(33)]);
    const out = blindPng(withText);
    expect(out.toString("latin1")).not.toContain("Nguyen");
    expect(out.equals(raw)).toBe(true);
    expect(PNG.sync.read(out).width).toBe(2);
  });
});

describe("blind copies of Office comments", () => {
  it("replaces comment authors and initials", () => {
    const word = '<w:comments><w:comment w:id="0" w:author="Nguyễn Văn A" w:date="2026-06-01T00:00:00Z" w:initials="NVA"><w:p/></w:comment></w:comments>';
    const pptx = '<p:cmAuthorLst><p:cmAuthor id="0" name="Trần Thị B" initials="TTB" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>';
    const xlsx = "<comments><authors><author>Lê C</author></authors></comments>";
    for (const xml of [word, pptx, xlsx]) expect(anonymiseAuthors(xml)).not.toMatch(/Nguyễn|NVA|Trần|TTB|Lê C/);
    expect(anonymiseAuthors(word)).toContain('w:date="2026-06-01T00:00:00Z"');
  });
});

describe("blind copies of videos", () => {
  // A 1-second MP4 made by ffmpeg with a title, an artist, a comment and a handler name that name a ward.
  const fixture = fileURLToPath(new URL("../../test/fixtures/tagged.mp4", import.meta.url));
  const boxes = (b: Buffer, from: number, to: number) => {
    const found: { type: string; at: number; size: number }[] = [];
    for (let at = from; at + 8 <= to; ) {
      const size = b.readUInt32BE(at);
      found.push({ type: b.toString("latin1", at + 4, at + 8), at, size });
      at += size;
    }
    return found;
  };

  it("MP4: user data, handler names and times are gone; every box keeps its place and the samples are untouched", async () => {
    const dir = await mkdtemp(join(tmpdir(), "blind-mp4-"));
    const out = join(dir, "out.mp4");
    await blindCopy("mp4", fixture, out);
    const before = await readFile(fixture);
    const after = await readFile(out);
    expect(before.toString("utf8")).toMatch(/Hồng Bàng/);
    expect(before.toString("latin1")).toContain("Hong Bang Video");
    expect(after.toString("utf8")).not.toMatch(/Hồng Bàng|Nguyễn Văn A/);
    expect(after.toString("latin1")).not.toMatch(/Hong Bang|Lavf/);
    expect(after.length).toBe(before.length);
    const top = boxes(after, 0, after.length);
    expect(top.map((x) => x.type)).toEqual(boxes(before, 0, before.length).map((x) => x.type));
    const mdat = top.find((x) => x.type === "mdat")!;
    expect(after.subarray(mdat.at, mdat.at + mdat.size).equals(before.subarray(mdat.at, mdat.at + mdat.size))).toBe(true);
    const moov = top.find((x) => x.type === "moov")!;
    const inMoov = boxes(after, moov.at + 8, moov.at + moov.size).map((x) => x.type);
    expect(inMoov).toContain("trak");
    expect(inMoov).not.toContain("udta");
    expect(inMoov).toContain("free");
    await rm(dir, { recursive: true, force: true });
  });

  it("MP4: a truncated or looping box structure is copied without hanging or throwing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "blind-mp4-"));
    const bad = Buffer.alloc(64);
    bad.writeUInt32BE(8, 0);
    bad.write("moov", 4, "latin1");
    bad.writeUInt32BE(4, 8); // a box smaller than its own header
    bad.write("udta", 12, "latin1");
    await writeFile(join(dir, "in.mp4"), bad);
    await blindCopy("mp4", join(dir, "in.mp4"), join(dir, "out.mp4"));
    expect((await readFile(join(dir, "out.mp4"))).length).toBe(64);
    await rm(dir, { recursive: true, force: true });
  });
});
