// The one entry point the batch pipeline uses: open a file, get its header, pull records in chunks.
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { detectFormat } from './detect-format.js';
import { FileReadError, XlsxLibraryError } from './file-read-error.js';
import { DEFAULT_CHUNK_SIZE, DEFAULT_MAX_COLUMNS, HEAD_BYTES } from './limits.js';
import type { RecordSource } from './record-source.js';
import { openTextSource } from './text-source.js';
import type { FileEncoding, FileFormat, OpenRecordReaderOptions, RecordReader, RecordRow } from './types.js';
import { openXlsxSource } from './xlsx-source.js';

/** How many times an .xlsx is opened before a failure inside the reader library counts (XlsxLibraryError). */
const XLSX_ATTEMPTS = 3;

export async function openRecordReader(path: string, opts: OpenRecordReaderOptions = {}): Promise<RecordReader> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await openOnce(path, opts);
    } catch (e) {
      if (!(e instanceof XlsxLibraryError) || attempt === XLSX_ATTEMPTS) throw e;
    }
  }
}

async function openOnce(path: string, opts: OpenRecordReaderOptions): Promise<RecordReader> {
  const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const maxColumns = opts.maxColumns ?? DEFAULT_MAX_COLUMNS;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  if (!Number.isInteger(maxColumns) || maxColumns < 1) throw new RangeError(`maxColumns must be a positive integer, got ${maxColumns}`);

  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size === 0) {
      throw new FileReadError('文件是空的 (the file is empty)', { reason: 'empty_file' });
    }
    const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    const sample = head.subarray(0, bytesRead);
    const format = opts.format ?? detectFormat(basename(path), sample);
    const source =
      format === 'xlsx' ? await openXlsxSource(file, sample, maxColumns) : await openTextSource(format, file, size, sample, maxColumns);
    return new ChunkedReader(format, source, size, chunkSize);
  } catch (e) {
    // The sources close the handle through their streams; closing it again here is harmless.
    await file.close().catch(() => {});
    throw e;
  }
}

class ChunkedReader implements RecordReader {
  readonly encoding: FileEncoding | null;
  readonly header: string[];
  private started = false;
  private closed = false;

  constructor(
    readonly format: FileFormat,
    private readonly source: RecordSource,
    readonly totalBytes: number,
    private readonly chunkSize: number,
  ) {
    this.encoding = source.encoding;
    this.header = source.header;
  }

  chunks(): AsyncIterable<RecordRow[]> {
    if (this.started) throw new Error('chunks() can be iterated only once');
    this.started = true;
    return this.iterate();
  }

  private async *iterate(): AsyncGenerator<RecordRow[]> {
    let chunk: RecordRow[] = [];
    try {
      try {
        for await (const batch of this.source.batches) {
          if (this.closed) return;
          for (let i = 0; i < batch.length; i++) {
            chunk.push(batch[i]);
            if (chunk.length === this.chunkSize) {
              yield chunk;
              if (this.closed) return;
              chunk = [];
            }
          }
        }
      } catch (e) {
        if (this.closed) return; // close() during a read: the stream's abort is no fault of the file
        // The records before a fault come first, in a short chunk, so that the error's record number follows the last one delivered.
        if (chunk.length > 0) yield chunk;
        throw e;
      }
      if (chunk.length > 0) yield chunk;
    } finally {
      await this.close();
    }
  }

  bytesRead(): number {
    return this.source.bytesRead();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.source.close();
  }
}
