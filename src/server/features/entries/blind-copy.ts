import { createWriteStream } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import type { Entry } from "yauzl";
import { pdfLib, yauzl, yazl } from "../../shared/heavy-libs";
import type { AttachmentKind } from "../../../domain/entries/entries.config";
import { blindMp4 } from "./mp4-blind";

/**
 * A copy of an attachment without what identifies its author or unit: Office core/app/custom
 * properties, PDF Info and XMP, JPEG EXIF/XMP/IPTC/comments, PNG text and time chunks, MP4 user data,
 * handler names and times. Content is untouched.
 */
export async function blindCopy(kind: AttachmentKind, input: string, output: string): Promise<void> {
  if (kind === "docx" || kind === "pptx" || kind === "xlsx") return blindOffice(input, output);
  if (kind === "mp4") return blindMp4(input, output);
  const bytes = await readFile(input);
  if (kind === "pdf") return writeFile(output, await blindPdf(bytes));
  if (kind === "jpeg") return writeFile(output, blindJpeg(bytes));
  if (kind === "png") return writeFile(output, blindPng(bytes));
  return writeFile(output, bytes);
}

const NEUTRAL: Record<string, string> = {
  "docProps/core.xml":
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>',
  "docProps/app.xml":
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>',
  "docProps/custom.xml":
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>',
};

/** Parts that name reviewers: comment authors (Word, Excel, PowerPoint) and the people list. */
const AUTHOR_PARTS = /(^|\/)(comments\d*|commentsExtended|commentAuthors|people|persons\/person)\.xml$|\/threadedComments\/.*\.xml$/;

/** Replace author names and initials in a (small) XML part. */
export function anonymiseAuthors(xml: string): string {
  return xml
    .replace(/\b((?:w|w15|p15)?:?(?:author|initials|displayName|userId|name))="[^"]*"/g, '$1="Ẩn danh"')
    .replace(/<author>[^<]*<\/author>/g, "<author>Ẩn danh</author>");
}

/** Re-zip part by part (streamed), replacing the property parts with empty ones and anonymising comment authors. */
async function blindOffice(input: string, output: string): Promise<void> {
  const [reader, writer] = await Promise.all([yauzl(), yazl()]);
  return new Promise((resolve, reject) => {
    reader.open(input, { lazyEntries: true, autoClose: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error("unreadable zip"));
      const out = new writer.ZipFile();
      const done = pipeline(out.outputStream, createWriteStream(output));
      zip.on("entry", (e: Entry) => {
        const neutral = NEUTRAL[e.fileName];
        if (neutral !== undefined) {
          out.addBuffer(Buffer.from(neutral, "utf8"), e.fileName, { mtime: new Date(0) });
          return zip.readEntry();
        }
        if (e.fileName.endsWith("/")) return zip.readEntry();
        zip.openReadStream(e, (err2, stream) => {
          if (err2 || !stream) return reject(err2 ?? new Error("unreadable part"));
          if (AUTHOR_PARTS.test(e.fileName)) {
            // Comment parts are small XML (the ZIP guard capped sizes): read, anonymise, add.
            const parts: Buffer[] = [];
            stream.on("data", (c: Buffer) => parts.push(c));
            stream.on("end", () => {
              out.addBuffer(Buffer.from(anonymiseAuthors(Buffer.concat(parts).toString("utf8")), "utf8"), e.fileName, { mtime: new Date(0) });
              zip.readEntry();
            });
            return;
          }
          out.addReadStream(stream, e.fileName, { mtime: new Date(0) });
          stream.on("end", () => zip.readEntry());
        });
      });
      zip.on("end", () => {
        out.end();
        done.then(resolve, reject);
      });
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

export async function blindPdf(bytes: Uint8Array): Promise<Uint8Array> {
  const { PDFDocument, PDFName } = await pdfLib();
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  doc.catalog.delete(PDFName.of("Metadata"));
  doc.context.trailerInfo.Info = undefined;
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}

/** Keep APP0 (JFIF), APP2 (ICC colour) and APP14 (Adobe colour transform); drop APP1 (EXIF/XMP), APP13 (IPTC), other APPn and comments. */
export function blindJpeg(b: Buffer): Buffer {
  if (b[0] !== 0xff || b[1] !== 0xd8) return b;
  const parts: Buffer[] = [b.subarray(0, 2)];
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) break;
    const marker = b[i + 1] as number;
    if (marker === 0xda) break; // start of scan: the rest is image data
    const len = b.readUInt16BE(i + 2);
    const keep = !((marker >= 0xe1 && marker <= 0xef && marker !== 0xe2 && marker !== 0xee) || marker === 0xfe);
    if (keep) parts.push(b.subarray(i, i + 2 + len));
    i += 2 + len;
  }
  parts.push(b.subarray(i));
  return Buffer.concat(parts);
}

const PNG_DROP = new Set(["tEXt", "zTXt", "iTXt", "eXIf", "tIME"]);

export function blindPng(b: Buffer): Buffer {
  const parts: Buffer[] = [b.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= b.length) {
    const len = b.readUInt32BE(i);
    const type = b.toString("latin1", i + 4, i + 8);
    const end = i + 12 + len;
    if (!PNG_DROP.has(type)) parts.push(b.subarray(i, end));
    i = end;
  }
  return Buffer.concat(parts);
}
