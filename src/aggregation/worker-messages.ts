// The messages between a batch's writer and its preparing worker (prepare-worker.ts, worker-source.ts).
import type { FileEncoding } from './readers/index.js';
import type { WireChunk } from './chunk-wire.js';
import type { PrepareStart } from './prepare-worker.js';

export type FromWorker =
  | { t: 'header'; header: string[]; encoding: FileEncoding | null; totalBytes: number }
  | { t: 'chunk'; chunk: WireChunk }
  | { t: 'end'; checked: number[]; failed: number[]; bytesRead: number }
  /** An AppError (a broken file, a rule set that does not fit) keeps its status, code and details. */
  | { t: 'error'; name: string; message: string; stack: string; status?: number; code?: string; details?: unknown };

export type ToWorker = { t: 'start'; start: PrepareStart } | { t: 'ack' };
