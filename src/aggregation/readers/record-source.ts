// What a format-specific reader gives openRecordReader: the header, then records in batches of whatever size
// the input chunk produced (openRecordReader re-cuts them into chunkSize).
import type { FileEncoding, RecordRow } from './types.js';

export interface RecordSource {
  readonly encoding: FileEncoding | null;
  readonly header: string[];
  /** Already started: it has been advanced until the header was known. */
  readonly batches: AsyncGenerator<RecordRow[]>;
  bytesRead(): number;
  /** Releases the file; idempotent. */
  close(): Promise<void>;
}

/** Parses pieces of text into records; `header` is known once the first record is complete. */
export interface TextParser {
  readonly header: string[] | null;
  push(text: string, out: RecordRow[]): void;
  end(out: RecordRow[]): void;
}
