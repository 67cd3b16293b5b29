// The shape every reader hands to the batch pipeline, whatever the file format.
export type FileFormat = 'csv' | 'xlsx' | 'jsonl';
export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

/** One record, aligned with the header; null is an empty cell. */
export type RecordRow = (string | null)[];

export interface RecordReader {
  readonly format: FileFormat;
  /** null for xlsx, whose XML carries its own encoding. */
  readonly encoding: FileEncoding | null;
  /** Column titles, trimmed, in file order (jsonl: the keys of the first record). */
  readonly header: string[];
  /** Records in chunks of up to chunkSize; each record is an array aligned with header (null = empty cell).
   *  Records are numbered from 1 in file order, header excluded: chunk i starts at the record after the previous chunk's last.
   *  A broken file throws FileReadError once every record before the fault has been delivered (in a short last chunk). */
  chunks(): AsyncIterable<RecordRow[]>;
  /** Bytes of the file consumed so far (for a progress bar). */
  bytesRead(): number;
  readonly totalBytes: number;
  /** Releases the file even when iteration stopped early. */
  close(): Promise<void>;
}

export interface OpenRecordReaderOptions {
  /** Skips detection when the caller already knows the format. */
  format?: FileFormat;
  /** Records per chunk; default 2000. */
  chunkSize?: number;
  /** Widest header accepted; default 1000. */
  maxColumns?: number;
}
