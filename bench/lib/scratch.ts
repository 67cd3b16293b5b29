// Scratch databases for benchmarks: a SQLite file in a temporary directory, and a PostgreSQL database
// `gongshu_bench_<random>` created on the server named by GONGSHU_BENCH_PG_URL (or GONGSHU_TEST_PG_URL)
// and dropped afterwards, also when the run is interrupted.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const PG_ADMIN_URL =
  process.env.GONGSHU_BENCH_PG_URL || process.env.GONGSHU_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** Where scratch SQLite files go; GONGSHU_BENCH_TMPDIR puts them on a chosen disk. */
export function benchTmpRoot(): string {
  return process.env.GONGSHU_BENCH_TMPDIR || tmpdir();
}

export interface Scratch {
  engine: 'sqlite' | 'postgres';
  /** A URL for openDatabase. */
  url: string;
  /** A temporary directory (keys, files), removed by drop(). */
  dir: string;
  drop(): Promise<void>;
}

const pending = new Set<() => Promise<void>>();
let hooked = false;

function track(drop: () => Promise<void>): () => Promise<void> {
  if (!hooked) {
    hooked = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.error(`\n${signal}: dropping scratch databases…`);
        // dropping a database kills its connections: their pool errors must not end the process first
        process.on('uncaughtException', (err) => console.error(`(while dropping) ${err.message}`));
        void Promise.allSettled([...pending].map((d) => d())).then(() => process.exit(130));
      });
    }
  }
  // a second call (the run's own `finally` while the signal handler is dropping) waits for the first
  let dropping: Promise<void> | null = null;
  const once = (): Promise<void> =>
    (dropping ??= (async () => {
      pending.delete(once);
      await drop();
    })());
  pending.add(once);
  return once;
}

export function scratchSqlite(): Scratch {
  const dir = mkdtempSync(join(benchTmpRoot(), 'gongshu-bench-'));
  return {
    engine: 'sqlite',
    url: `sqlite:${join(dir, 'bench.db')}`,
    dir,
    drop: track(async () => rmSync(dir, { recursive: true, force: true })),
  };
}

/** The server version, or why the server cannot be reached. */
export async function pgReachable(): Promise<{ ok: true; version: string } | { ok: false; reason: string }> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const r = await client.query<{ v: string }>("select current_setting('server_version') as v");
    return { ok: true, version: r.rows[0]!.v };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function scratchPostgres(): Promise<Scratch> {
  const name = `gongshu_bench_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const dir = mkdtempSync(join(benchTmpRoot(), 'gongshu-bench-'));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    engine: 'postgres',
    url: url.toString(),
    dir,
    drop: track(async () => {
      rmSync(dir, { recursive: true, force: true });
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    }),
  };
}

/** The server settings that decide how durable (and how fast) a commit is. */
export async function pgDurabilitySettings(): Promise<Record<string, string>> {
  return admin(async (c) => {
    const r = await c.query<{ name: string; setting: string; unit: string | null }>(
      `select name, setting, unit from pg_settings
        where name in ('fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes', 'shared_buffers', 'commit_delay', 'wal_level')
        order by name`,
    );
    return Object.fromEntries(r.rows.map((row) => [row.name, row.unit ? `${row.setting} (${row.unit})` : row.setting]));
  });
}
