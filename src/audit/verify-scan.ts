// Reads the chain from `start` to its end and checks every entry (verify-range.ts). A long chain is
// split into ranges hashed in worker threads, each on a connection of its own, while the caller checks
// signatures meanwhile: re-encoding and hashing every entry is most of verification's CPU
// (BENCHMARKS.md). A short chain is checked on this thread: starting workers costs more than it saves.
import type { Kysely } from 'kysely';
import type { DB, DbTarget } from '../platform/db/index.js';
import { startModuleWorker } from '../platform/threads/index.js';
import { RangeCheck, stitch, VERIFY_COLUMNS, type ChainScan, type RangeResult } from './verify-range.js';
import type { WorkerInput } from './verify-worker.js';

/** Below this many entries one thread is faster (a worker takes ≈ 50–100 ms to start and connect). */
export const PARALLEL_FROM = 20_000;
/** Hashing threads for a long chain: the two cores of the reference machine. */
export const DEFAULT_THREADS = 2;

const PAGE = 5000;

export interface ScanPlan {
  start: { seq: number; hash: string };
  /** Sequences whose hashes are wanted (checkpoints). */
  wanted: ReadonlySet<number>;
  /** Worker threads; 1 checks on this thread; unset: DEFAULT_THREADS from PARALLEL_FROM entries on, else 1. */
  threads?: number;
  /** Where workers connect; null: this thread only. */
  target: DbTarget | null;
}

export interface StartedScan {
  /** Settles when every entry is checked; meanwhile this thread is free (for signatures). */
  done: Promise<ChainScan>;
  parallel: boolean;
}

export async function scanChain(db: Kysely<DB>, plan: ScanPlan): Promise<StartedScan> {
  if (plan.target && (plan.threads === undefined || plan.threads > 1)) {
    const top = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('seq').as('hi'))
      .executeTakeFirst();
    const hi = top?.hi === null || top?.hi === undefined ? plan.start.seq : Number(top.hi);
    const count = hi - plan.start.seq;
    const threads = plan.threads ?? (count >= PARALLEL_FROM ? DEFAULT_THREADS : 1);
    if (threads > 1 && count >= threads) return { done: parallelScan(plan.start, plan.wanted, threads, plan.target, hi), parallel: true };
  }
  return { done: localScan(db, plan), parallel: false };
}

async function localScan(db: Kysely<DB>, plan: ScanPlan): Promise<ChainScan> {
  const check = new RangeCheck(plan.start.seq + 1, Infinity, plan.start.hash, plan.wanted);
  let from = check.from;
  for (;;) {
    const rows = await db.selectFrom('audit_log').select(VERIFY_COLUMNS).where('seq', '>=', from).orderBy('seq').limit(PAGE).execute();
    let more = true;
    for (const row of rows) {
      more = check.row(VERIFY_COLUMNS.map((c) => row[c]));
      if (!more) break;
    }
    if (!more) return stitch([check.result(false)], plan.start.hash);
    if (rows.length < PAGE) return stitch([check.result(true)], plan.start.hash);
    from = Number(rows.at(-1)!.seq) + 1;
  }
}

async function parallelScan(
  start: ScanPlan['start'],
  wantedSeqs: ReadonlySet<number>,
  threads: number,
  target: DbTarget,
  hi: number,
): Promise<ChainScan> {
  const first = start.seq + 1;
  const per = Math.ceil((hi - first + 1) / threads);
  const ranges = Array.from({ length: threads }, (_, i) => {
    const from = first + i * per;
    // the last range runs to the end, wherever that is by then, as a single walk would
    const to = i === threads - 1 ? Infinity : from + per - 1;
    return { from, to };
  });
  const results = await Promise.all(
    ranges.map(({ from, to }) => {
      const wanted = [...wantedSeqs].filter((s) => s >= from && s <= to);
      return runWorker({ target, from, to, wanted });
    }),
  );
  return stitch(results, start.hash);
}

function runWorker(input: WorkerInput): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    // the compiled verify-worker.js beside this file, or from source the .ts through tsx (src/platform/threads)
    const worker = startModuleWorker(import.meta.url, './verify-worker', { workerData: input });
    worker.once('message', (m: { result?: RangeResult; error?: string }) => {
      if (m.error || !m.result) return reject(new Error(`audit verification worker failed: ${m.error ?? 'no result'}`));
      resolve(m.result); // links between ranges, the first's to the start included, are checked by stitch()
    });
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`audit verification worker exited with ${code}`)));
  });
}
