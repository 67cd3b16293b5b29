// Magic bytes of files people upload by mistake. Recognising them gives a message that names the real type
// instead of an encoding error somewhere in the middle of a PDF.
import { FileReadError } from './file-read-error.js';

const startsWith = (head: Buffer, bytes: number[]) => head.length >= bytes.length && bytes.every((b, i) => head[i] === b);

/** Local file header, empty archive, spanned archive: every zip starts with one of these. */
export function isZip(head: Buffer): boolean {
  return (
    startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]) || startsWith(head, [0x50, 0x4b, 0x07, 0x08])
  );
}

const FOREIGN: { bytes: number[]; zh: string; en: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], zh: 'PDF 文件', en: 'a PDF file' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], zh: 'PNG 图片', en: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], zh: 'JPEG 图片', en: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], zh: 'GIF 图片', en: 'a GIF image' },
  { bytes: [0x1f, 0x8b], zh: 'gzip 压缩文件', en: 'a gzip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21], zh: 'RAR 压缩文件', en: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], zh: '7z 压缩文件', en: 'a 7z archive' },
];

/** Refuses binary files that are no kind of table, and the legacy .xls format the readers do not parse. */
export function refuseForeignFile(head: Buffer): void {
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new FileReadError(
      '文件是旧版 Excel（.xls）或其他 Office 97-2003 格式，请另存为 .xlsx 或 CSV 后上传 (legacy .xls files are not supported; save as .xlsx or CSV)',
      { reason: 'unsupported_format' },
    );
  }
  for (const f of FOREIGN) {
    if (startsWith(head, f.bytes)) {
      throw new FileReadError(`文件是${f.zh}，不是数据表格 (the file is ${f.en}, not a table of records)`, { reason: 'binary' });
    }
  }
}
