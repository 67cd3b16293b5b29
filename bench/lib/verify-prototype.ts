// A prototype of a faster verifyChain, measured next to the real one to show what a change in
// src/audit/verify.ts would buy (see BENCHMARKS.md). It checks the same things — every entry's SM3
// hash, every link, no gap, every checkpoint's hash and SM2 signature — but:
//   - hashes with the one-shot crypto.hash('sm3') (no Hash object per entry);
//   - reads rows as arrays (no per-row objects, no Kysely): on SQLite one streaming statement
//     (iterate), so each row is garbage at once; on PostgreSQL keyset pages of 5000;
//   - splits the sequence range across worker threads, each with its own connection, and stitches
//     the ranges (range i must start with the hash range i−1 ended with);
//   - verifies the checkpoint signatures on the main thread while the workers hash, with the public
//     key precomputed once (sm-crypto-v2 precomputePublicKey).
// The worker is plain JavaScript evaluated from a string so that it runs under tsx and plain node alike.
// It is self-checking: if its encoding differed from src/audit/entry.ts, every hash would mismatch.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sm2 } from 'sm-crypto-v2';
import { checkpointMessage } from '../../src/audit/signer.js';
import type { Database } from '../../src/platform/db/index.js';

const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { createHash, hash } = require('node:crypto');
const sm3 = hash ? (s) => hash('sm3', s, 'hex') : (s) => createHash('sm3').update(s).digest('hex');
const { engine, target, from, to, wanted, modules } = workerData;
const COLS = 'seq, at, actor_type, actor_id, actor_name, unit_id, action, object_type, object_id, outcome, ip, request_id, details, prev_hash, hash';
const PAGE = 5000;
const wantedSet = new Set(wanted);

let expected = from, first = null, prev = null, n = 0, bad = null;
const hashes = {};

/** Checks one row (an array in column order); false once the range is done or a fault is found. */
function check(r) {
  const seq = Number(r[0]);
  if (seq > to) return false;
  if (seq !== expected) { bad = { seq: expected, reason: 'missing' }; return false; }
  if (prev === null) first = r[13];
  else if (r[13] !== prev) { bad = { seq, reason: 'link' }; return false; }
  const input = JSON.stringify(['gongshu-audit-v1', seq, r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13]]);
  if (sm3(input) !== r[14]) { bad = { seq, reason: 'hash' }; return false; }
  if (wantedSet.has(seq)) hashes[seq] = r[14];
  prev = r[14];
  expected += 1;
  n += 1;
  return true;
}

function sqliteRange() {
  const Sqlite = require(modules.betterSqlite3);
  const db = new Sqlite(target, { readonly: true });
  try {
    // one streaming statement: each row is garbage as soon as it is checked (pages of arrays kept
    // alive by all() cost more in GC than the reading itself)
    for (const r of db.prepare('select ' + COLS + ' from audit_log where seq >= ? order by seq').raw(true).iterate(from)) {
      if (!check(r)) break;
    }
  } finally {
    db.close();
  }
}

async function postgresRange() {
  const pg = require(modules.pg);
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  try {
    // one-sided, like verifyChain: with "seq between" PostgreSQL (before ANALYZE) may plan a bitmap scan + sort
    const query = 'select ' + COLS + ' from audit_log where seq >= $1 order by seq limit ' + PAGE;
    for (;;) {
      const rows = (await client.query({ text: query, values: [expected], rowMode: 'array' })).rows;
      for (const r of rows) if (!check(r)) return;
      if (rows.length < PAGE) return;
    }
  } finally {
    await client.end();
  }
}

async function main() {
  if (engine === 'sqlite') sqliteRange();
  else await postgresRange();
  if (!bad && expected <= to) bad = { seq: expected, reason: 'missing' };
  parentPort.postMessage({ first, last: prev, n, bad, hashes });
}
main().catch((err) => parentPort.postMessage({ error: String(err && err.stack || err) }));
`;

interface RangeResult {
  first: string | null;
  last: string | null;
  n: number;
  bad: { seq: number; reason: string } | null;
  hashes: Record<number, string>;
  error?: string;
}

const requireHere = createRequire(import.meta.url);
const MODULES = { betterSqlite3: requireHere.resolve('better-sqlite3'), pg: requireHere.resolve('pg') };

function runRange(engine: 'sqlite' | 'postgres', target: string, from: number, to: number, wanted: number[]): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { engine, target, from, to, wanted, modules: MODULES } });
    worker.once('message', (m: RangeResult) => (m.error ? reject(new Error(m.error)) : resolve(m)));
    worker.once('error', reject);
  });
}

export interface PrototypeResult {
  ok: boolean;
  checked: number;
  reason: string | null;
}

/** Verifies a chain without archive anchors (the benchmark's scratch chains have none). */
export async function verifyChainPrototype(database: Database, workers: number): Promise<PrototypeResult> {
  const { db } = database;
  const bounds = await db
    .selectFrom('audit_log')
    .select((eb) => [eb.fn.min('seq').as('lo'), eb.fn.max('seq').as('hi')])
    .executeTakeFirstOrThrow();
  const lo = Number(bounds.lo);
  const hi = Number(bounds.hi);
  if (lo !== 1) return { ok: false, checked: 0, reason: `chain starts at ${lo}` };
  const checkpoints = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
  const keys = new Map((await db.selectFrom('signing_keys').selectAll().execute()).map((k) => [k.key_id, k.public_key]));

  const engine = database.adapter.engine;
  const target = engine === 'sqlite' ? database.sqlitePath! : database.url;
  const per = Math.ceil((hi - lo + 1) / workers);
  const ranges = Array.from({ length: workers }, (_, i) => ({ from: lo + i * per, to: Math.min(hi, lo + (i + 1) * per - 1) })).filter(
    (r) => r.from <= r.to,
  );
  const pending = ranges.map((r) =>
    runRange(
      engine,
      target,
      r.from,
      r.to,
      checkpoints.map((c) => Number(c.seq)).filter((s) => s >= r.from && s <= r.to),
    ),
  );

  // meanwhile: the signatures, each public key precomputed once
  const precomputed = new Map<string, ReturnType<typeof sm2.precomputePublicKey>>();
  let sigFailure: string | null = null;
  for (const cp of checkpoints) {
    const publicKey = keys.get(cp.key_id);
    if (!publicKey) {
      sigFailure = `checkpoint at ${cp.seq} is signed by an unknown key`;
      break;
    }
    let point = precomputed.get(publicKey);
    if (!point) precomputed.set(publicKey, (point = sm2.precomputePublicKey(publicKey)));
    if (!sm2.doVerifySignature(checkpointMessage(Number(cp.seq), cp.hash, cp.at), cp.signature, point, { hash: true, der: true })) {
      sigFailure = `checkpoint at ${cp.seq} has an invalid signature`;
      break;
    }
  }

  const parts = await Promise.all(pending);
  let checked = 0;
  let prev = '0'.repeat(64);
  const hashAt = new Map<number, string>();
  for (const part of parts) {
    if (part.bad) return { ok: false, checked, reason: `entry ${part.bad.seq}: ${part.bad.reason}` };
    if (part.first !== prev) return { ok: false, checked, reason: 'ranges do not link' };
    prev = part.last!;
    checked += part.n;
    for (const [seq, hash] of Object.entries(part.hashes)) hashAt.set(Number(seq), hash);
  }
  if (sigFailure) return { ok: false, checked, reason: sigFailure };
  for (const cp of checkpoints) {
    const seq = Number(cp.seq);
    if (seq > hi) return { ok: false, checked, reason: `a checkpoint covers ${seq} beyond the end ${hi}` };
    if (hashAt.get(seq) !== cp.hash) return { ok: false, checked, reason: `entry ${seq} differs from its checkpoint` };
  }
  return { ok: true, checked, reason: null };
}

/** SM2-verifies every checkpoint with each public key precomputed once. */
export async function verifySignaturesPrecomputed(database: Database): Promise<number> {
  const cps = await database.db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
  const keys = new Map(
    (await database.db.selectFrom('signing_keys').selectAll().execute()).map((k) => [k.key_id, sm2.precomputePublicKey(k.public_key)]),
  );
  for (const cp of cps) {
    if (
      !sm2.doVerifySignature(checkpointMessage(Number(cp.seq), cp.hash, cp.at), cp.signature, keys.get(cp.key_id)!, {
        hash: true,
        der: true,
      })
    ) {
      throw new Error(`bad checkpoint ${cp.seq}`);
    }
  }
  return cps.length;
}
