// A worker thread of a batch: reads the stored file, and parses, cleanses, checks and hashes its records
// (prepare-records.ts), posting each prepared chunk to the batch's writer, which only writes, records
// problems and commits. It keeps at most QUEUE chunks unacknowledged, so a slow writer stops the reading
// (memory stays bounded whatever the file's size). Started by worker-source.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { compileRules, type RuleSet } from '../governance/index.js';
import { openRecordReader, type FileFormat } from './readers/index.js';
import { toWire } from './chunk-wire.js';
import { recordPreparer, type PrepareSpec } from './prepare-records.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

export interface PrepareWorkerInput {
  path: string;
  format: FileFormat | null;
}

export interface PrepareStart {
  spec: PrepareSpec;
  ruleSet: RuleSet;
  today: string;
}

/** Chunks posted and not yet taken by the writer, 2 × 2,000 records: enough to keep the writer busy. */
const QUEUE = 2;

const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);

function errorMessage(err: unknown): FromWorker {
  if (err instanceof Error) {
    const e = err as Error & { status?: number; code?: string; details?: unknown };
    const known = typeof e.status === 'number' && typeof e.code === 'string';
    return {
      t: 'error',
      name: e.name,
      message: e.message,
      stack: e.stack ?? '',
      ...(known ? { status: e.status, code: e.code, details: e.details } : {}),
    };
  }
  return { t: 'error', name: 'Error', message: String(err), stack: '' };
}

async function main(input: PrepareWorkerInput): Promise<void> {
  const reader = await openRecordReader(input.path, input.format ? { format: input.format } : {});
  try {
    post({ t: 'header', header: reader.header, encoding: reader.encoding, totalBytes: reader.totalBytes });
    let unacked = 0;
    let wake: (() => void) | null = null;
    let start: ((s: PrepareStart) => void) | null = null;
    const started = new Promise<PrepareStart>((resolve) => (start = resolve));
    port.on('message', (m: ToWorker) => {
      if (m.t === 'start') start!(m.start);
      else if (m.t === 'ack') {
        unacked -= 1;
        wake?.();
        wake = null;
      }
    });
    const { spec, ruleSet, today } = await started;
    const rules = compileRules(spec.elements, ruleSet, { today });
    const prepare = recordPreparer(spec, rules);
    for await (const chunk of reader.chunks()) {
      post({ t: 'chunk', chunk: toWire(prepare(chunk, reader.bytesRead()), spec.elements.length) });
      unacked += 1;
      while (unacked >= QUEUE) await new Promise<void>((resolve) => (wake = resolve));
    }
    post({ t: 'end', checked: [...rules.checked], failed: [...rules.failed], bytesRead: reader.bytesRead() });
  } finally {
    await reader.close().catch(() => {});
  }
}

// done either way: without a listener the port no longer holds the thread, which exits once its last message is sent
main(workerData as PrepareWorkerInput).then(
  () => port.removeAllListeners('message'),
  (err: unknown) => {
    post(errorMessage(err));
    port.removeAllListeners('message');
  },
);
