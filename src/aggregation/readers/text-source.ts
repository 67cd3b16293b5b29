// CSV and JSON Lines: bytes → strict decoding → a text parser, pulled one 64 KiB chunk at a time so that
// memory stays bounded whatever the file's size.
import type { FileHandle } from 'node:fs/promises';
import { CsvTokenizer } from './csv-tokenizer.js';
import { countLf, decodeText } from './decode-text.js';
import { detectEncoding } from './detect-encoding.js';
import { FileReadError } from './file-read-error.js';
import { JsonlParser } from './jsonl-parser.js';
import { READ_CHUNK_BYTES } from './limits.js';
import { releaseFile } from './release-file.js';
import type { RecordSource, TextParser } from './record-source.js';
import { isZip, refuseForeignFile } from './signatures.js';
import type { RecordRow } from './types.js';

/** A text table has no NUL bytes: one in the first bytes means a binary or corrupt file. */
export function refuseNulBytes(head: Buffer): void {
  const nul = head.indexOf(0);
  if (nul === -1) return;
  const line = 1 + countLf(head, 0, nul);
  throw new FileReadError(
    `第${line}行含有空字符（NUL），文件是二进制文件或已损坏，不是文本表格 (line ${line} contains NUL bytes: the file is binary or corrupt, not a text table)`,
    { reason: 'binary', line },
  );
}

export async function openTextSource(
  format: 'csv' | 'jsonl',
  file: FileHandle,
  size: number,
  head: Buffer,
  maxColumns: number,
): Promise<RecordSource> {
  if (isZip(head)) {
    throw new FileReadError(
      '文件是 ZIP 压缩包（可能是 .xlsx 工作簿），不是文本文件 (the file is a zip archive, perhaps an .xlsx workbook, not text)',
      {
        reason: 'binary',
      },
    );
  }
  refuseForeignFile(head);
  refuseNulBytes(head);
  const encoding = detectEncoding(head, head.length === size);

  const stream = file.createReadStream({ start: 0, highWaterMark: READ_CHUNK_BYTES });
  let bytes = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of stream) {
      bytes += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  }
  const parser: TextParser = format === 'csv' ? new CsvTokenizer(maxColumns) : new JsonlParser(maxColumns);
  async function* parse(): AsyncGenerator<RecordRow[]> {
    for await (const text of decodeText(counted(), encoding)) {
      const out: RecordRow[] = [];
      yield* pushing(() => parser.push(text, out), out); // possibly empty: lets openRecordReader see the header at once
    }
    const out: RecordRow[] = [];
    yield* pushing(() => parser.end(out), out);
  }

  const close = () => releaseFile(stream);
  const batches = parse();
  try {
    const first: RecordRow[] = [];
    while (parser.header === null) {
      const next = await batches.next();
      if (next.done) break;
      first.push(...next.value);
    }
    if (parser.header === null) {
      throw new FileReadError(`文件没有内容，第一行须为列标题 (the file is empty; its first line must hold the column titles)`, {
        reason: 'empty_file',
      });
    }
    return {
      encoding,
      header: parser.header,
      batches: prepend(first, batches),
      bytesRead: () => bytes,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Hands on the records completed before a parse error, then the error: every record before a fault is delivered. */
function* pushing(parse: () => void, out: RecordRow[]): Generator<RecordRow[]> {
  try {
    parse();
  } catch (e) {
    if (out.length > 0) yield out;
    throw e;
  }
  yield out;
}

async function* prepend(first: RecordRow[], rest: AsyncGenerator<RecordRow[]>): AsyncGenerator<RecordRow[]> {
  if (first.length > 0) yield first;
  yield* rest;
}
