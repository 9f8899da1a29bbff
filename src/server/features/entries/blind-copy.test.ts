import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { anonymiseAuthors, blindJpeg, blindPng } from "./blind-copy";

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
