// A stored file read and prepared in a worker thread (prepare-worker.ts): the batch's thread only writes.
// Used, when switched on, for files large enough to pay for the worker's start (≈ 0.1 s compiled); smaller
// files and pushed pages are prepared on the batch's own thread, with the same code (prepare-records.ts).
import type { Worker } from 'node:worker_threads';
import { AppError } from '../platform/errors.js';
import { startModuleWorker } from '../platform/threads/index.js';
import { fromWire } from './chunk-wire.js';
import type { PreparedChunk } from './prepare-records.js';
import type { PrepareStart, PrepareWorkerInput } from './prepare-worker.js';
import { FileReadError, type FileFormat } from './readers/index.js';
import type { RecordSource } from './record-source.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

/**
 * When a stored file is prepared in a worker thread. Off by default: on the 2-vCPU reference machine it
 * made a 1M-record SQLite batch 17% faster only while a core was idle (PostgreSQL: no change), cost more
 * CPU (handing chunks over, a second heap) and 60–120 MiB more peak RSS, above the 300 MiB target
 * (BENCHMARKS.md, Ingest, "A worker thread for preparation"). The configuration sets it for a process
 * (GONGSHU_INGEST_WORKER_FROM_BYTES); tests set it here, which wins.
 */
export const ingestWorker: {
  /** Files from this size on (0: always); null: as the configuration says. */
  fromBytes: number | null;
  /** Told of every worker started (tests count them, or stop one to see a batch fail cleanly). */
  onStart: ((worker: Worker) => void) | null;
} = {
  fromBytes: null,
  onStart: null,
};

export interface PreparedSource extends RecordSource {
  /** Prepared chunks in file order; the rules' counters are filled into `counters` once the last is given. */
  prepared(start: PrepareStart, counters: { checked: Uint32Array; failed: Uint32Array }): AsyncIterable<PreparedChunk>;
}

function rebuild(m: Extract<FromWorker, { t: 'error' }>): Error {
  if (m.name === 'FileReadError') return new FileReadError(m.message, m.details as never);
  if (m.status !== undefined && m.code !== undefined) return new AppError(m.status, m.code, m.message, m.details);
  const err = new Error(`batch preparation failed in its worker thread: ${m.message}`);
  err.stack = `${err.message}\n${m.stack}`;
  return err;
}

/** Starts the worker and waits for the file's header; a file that cannot be opened fails here, as fileSource would. */
export async function workerFileSource(path: string, format: FileFormat | null): Promise<PreparedSource> {
  const input: PrepareWorkerInput = { path, format };
  const worker: Worker = startModuleWorker(import.meta.url, './prepare-worker', { workerData: input });
  ingestWorker.onStart?.(worker);
  const inbox: FromWorker[] = [];
  let failure: Error | null = null;
  let notify: (() => void) | null = null;
  const wakeUp = () => {
    notify?.();
    notify = null;
  };
  worker.on('message', (m: FromWorker) => {
    inbox.push(m);
    wakeUp();
  });
  worker.on('error', (err) => {
    failure ??= err;
    wakeUp();
  });
  worker.on('exit', (code) => {
    // a worker that stops without its last message (killed, out of memory) fails the batch
    failure ??= new Error(`batch preparation worker exited (code ${code}) before it finished`);
    wakeUp();
  });
  const next = async (): Promise<FromWorker> => {
    for (;;) {
      const m = inbox.shift();
      if (m) {
        if (m.t === 'error') throw rebuild(m);
        return m;
      }
      if (failure) throw failure;
      await new Promise<void>((resolve) => (notify = resolve));
    }
  };
  const send = (m: ToWorker) => worker.postMessage(m);
  let bytes = 0;
  const close = async () => {
    await worker.terminate();
  };
  try {
    const header = await next();
    if (header.t !== 'header') throw new Error(`batch preparation worker: expected the header, got ${header.t}`);
    return {
      header: header.header,
      encoding: header.encoding,
      totalBytes: header.totalBytes,
      bytesRead: () => bytes,
      close,
      chunks: () => {
        throw new Error('a worker source gives prepared chunks only');
      },
      async *prepared(start, counters) {
        send({ t: 'start', start });
        for (;;) {
          const m = await next();
          if (m.t === 'chunk') {
            send({ t: 'ack' });
            const chunk = fromWire(m.chunk);
            bytes = chunk.bytesRead;
            yield chunk;
          } else if (m.t === 'end') {
            bytes = m.bytesRead;
            counters.checked.set(m.checked);
            counters.failed.set(m.failed);
            return;
          } else throw new Error(`batch preparation worker: unexpected ${m.t}`);
        }
      },
    };
  } catch (err) {
    await close();
    throw err;
  }
}
