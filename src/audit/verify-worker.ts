// A worker thread of verification: checks one range of the chain on a connection of its own and posts
// the RangeResult. Started by verify-scan.ts; from dist/ it is this file compiled, from source (tsx,
// Vitest) the same file through tsx's loader.
import { parentPort, workerData } from 'node:worker_threads';
import { RangeCheck, VERIFY_COLUMNS, type RangeResult } from './verify-range.js';
import type { DbTarget } from '../platform/db/index.js';

export interface WorkerInput {
  target: DbTarget;
  from: number;
  to: number;
  wanted: number[];
}

const PAGE = 5000;
const SELECT = `select ${VERIFY_COLUMNS.join(', ')} from audit_log where seq >= `;

async function sqliteRange(path: string, check: RangeCheck): Promise<boolean> {
  const { default: Sqlite } = await import('better-sqlite3');
  const db = new Sqlite(path, { readonly: true, fileMustExist: true });
  try {
    // one streaming statement: each row is garbage as soon as it is checked
    for (const r of db.prepare(`${SELECT}? order by seq`).raw(true).iterate(check.from)) {
      if (!check.row(r as unknown[])) return false;
    }
    return true;
  } finally {
    db.close();
  }
}

async function postgresRange(url: string, check: RangeCheck): Promise<boolean> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // keyset pages, one-sided like the single-thread walk (a two-sided range may be planned as a bitmap scan and sort)
    let from = check.from;
    for (;;) {
      const { rows } = await client.query<unknown[]>({ text: `${SELECT}$1 order by seq limit ${PAGE}`, values: [from], rowMode: 'array' });
      for (const r of rows) if (!check.row(r)) return false;
      if (rows.length < PAGE) return true;
      from = Number(rows.at(-1)![0]) + 1;
    }
  } finally {
    await client.end();
  }
}

async function main(input: WorkerInput): Promise<RangeResult> {
  const check = new RangeCheck(input.from, input.to, null, new Set(input.wanted));
  const { target } = input;
  const exhausted = target.engine === 'sqlite' ? await sqliteRange(target.path, check) : await postgresRange(target.url, check);
  return check.result(exhausted);
}

main(workerData as WorkerInput).then(
  (result) => parentPort!.postMessage({ result }),
  (err: unknown) => parentPort!.postMessage({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
);
