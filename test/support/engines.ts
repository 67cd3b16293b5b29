// Which database engines the integration tests run on: SQLite always, PostgreSQL when
// GONGSHU_TEST_PG_URL is set. GONGSHU_TEST_ENGINES=sqlite (or postgres) narrows the list.
// PostgreSQL scratch databases are named GONGSHU_TEST_DB_PREFIX + random hex, so that a run's cleanup
// (.ci/run) drops its own leftovers and never another run's live databases on a shared server.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type EngineName = 'sqlite' | 'postgres';

export const PG_URL = process.env.GONGSHU_TEST_PG_URL ?? '';

/** The name prefix of this run's scratch databases: lower-case letters, digits and _ only (it goes into SQL). */
export function testDbPrefix(env: NodeJS.ProcessEnv = process.env): string {
  const prefix = env.GONGSHU_TEST_DB_PREFIX || 'gongshu_t_';
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(prefix)) throw new Error(`GONGSHU_TEST_DB_PREFIX must match [a-z][a-z0-9_]{0,39}: ${prefix}`);
  return prefix;
}

export function testEngines(): EngineName[] {
  const wanted = (process.env.GONGSHU_TEST_ENGINES ?? 'sqlite,postgres').split(',').map((s) => s.trim());
  const engines: EngineName[] = [];
  if (wanted.includes('sqlite')) engines.push('sqlite');
  if (wanted.includes('postgres') && PG_URL) engines.push('postgres');
  return engines;
}

export interface ScratchDb {
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

/** A new, empty database of the engine, and a data directory, both removed by drop(). */
export async function scratchDatabase(engine: EngineName): Promise<ScratchDb> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongshu-test-'));
  if (engine === 'sqlite') {
    return { url: `sqlite:${join(dataDir, 'test.db')}`, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `${testDbPrefix()}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
