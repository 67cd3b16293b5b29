// Backup and restore in an engine-neutral format: gzip'd JSON Lines, a header line, then one line per
// row of every table (in TABLES order) and per stored file. A backup taken from SQLite restores into
// PostgreSQL and back. The SM2 private key is not in it: keys are backed up on their own (docs/operations).
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { gzipLines } from '../files/index.js';
import { sql, type Kysely, type Transaction } from 'kysely';
import { createDatasetTable, type DatasetColumnSpec } from './dataset-ddl.js';
import type { Database } from './connect.js';
import type { DB } from './schema.js';
import { currentSchema, migrateToLatest, migrateUpTo } from './migrate.js';
import { withSnapshot } from './snapshot.js';
import { TABLES, tablesAt, type TableSpec } from './tables.js';

export const BACKUP_FORMAT = 'gongshu-backup-v1';
const PAGE = 2000;

interface Header {
  format: string;
  createdAt: string;
  schema: string;
  engine: string;
  tables: string[];
}

type Line =
  | { t: 'header'; h: Header }
  | { t: 'row'; table: string; row: Record<string, unknown> }
  | { t: 'file'; path: string; data: string }
  | { t: 'end'; rows: number; files: number };

async function* tableRows(db: Kysely<DB>, spec: TableSpec): AsyncGenerator<Record<string, unknown>> {
  for (let offset = 0; ; offset += PAGE) {
    let q = db.selectFrom(spec.name).selectAll() as any;
    for (const k of spec.key) q = q.orderBy(k);
    const rows: Record<string, unknown>[] = await q.limit(PAGE).offset(offset).execute();
    yield* rows;
    if (rows.length < PAGE) return;
  }
}

async function datasetTableNames(db: Kysely<DB>, schema: string): Promise<string[]> {
  if (!tablesAt(schema).includes('dataset_tables')) return [];
  const rows = await db.selectFrom('dataset_tables').select('table_name').orderBy('table_name').execute();
  return rows.map((r) => r.table_name);
}

function* storedFiles(filesDir: string): Generator<string> {
  if (!existsSync(filesDir)) return;
  for (const entry of readdirSync(filesDir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) yield join(entry.parentPath, entry.name);
  }
}

export async function backup(database: Database, filesDir: string, file: string): Promise<{ rows: number; files: number }> {
  mkdirSync(dirname(file), { recursive: true });
  const counts = { rows: 0, files: 0 };
  const found = await currentSchema(database);
  if (!found) throw new Error('the database has never been migrated: nothing to back up');
  const schema: string = found;
  const tables = TABLES.filter((t) => tablesAt(schema).includes(t.name));
  await withSnapshot(database, async (db) => {
    async function* lines(): AsyncGenerator<string> {
      const header: Header = {
        format: BACKUP_FORMAT,
        createdAt: new Date().toISOString(),
        schema,
        engine: database.adapter.engine,
        tables: tables.map((t) => t.name),
      };
      yield JSON.stringify({ t: 'header', h: header } satisfies Line) + '\n';
      for (const spec of tables) {
        for await (const row of tableRows(db, spec)) {
          counts.rows += 1;
          yield JSON.stringify({ t: 'row', table: spec.name, row } satisfies Line) + '\n';
        }
      }
      // the dataset tables the registry names, after the registry itself
      for (const name of await datasetTableNames(db, schema)) {
        for await (const row of tableRows(db, { name: name as keyof DB, since: schema, key: ['_key'] })) {
          counts.rows += 1;
          yield JSON.stringify({ t: 'row', table: name, row } satisfies Line) + '\n';
        }
      }
      for (const path of storedFiles(filesDir)) {
        counts.files += 1;
        const rel = relative(filesDir, path).split(sep).join('/');
        yield JSON.stringify({ t: 'file', path: rel, data: readFileSync(path).toString('base64') } satisfies Line) + '\n';
      }
      yield JSON.stringify({ t: 'end', ...counts } satisfies Line) + '\n';
    }
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file, { flags: 'wx' }));
  });
  return counts;
}

async function readHeader(file: string): Promise<Header> {
  try {
    for await (const text of gzipLines(file)) {
      const line = JSON.parse(text) as Line;
      if (line.t !== 'header' || line.h.format !== BACKUP_FORMAT) break;
      return line.h;
    }
  } catch {
    /* reported below */
  }
  throw new Error(`not a Gongshu backup: ${file}`);
}

/**
 * Restores into an empty database: brings its schema to the backup's version, inserts every row, then
 * applies the newer migrations, so a backup made by an older release restores into this one.
 * Refuses unless the target database has no data and the files directory is empty.
 */
export async function restore(database: Database, filesDir: string, file: string): Promise<{ rows: number; files: number }> {
  const header = await readHeader(file);
  await migrateUpTo(database, header.schema);
  const counts = await restoreRows(database, filesDir, file, header);
  await migrateToLatest(database);
  return counts;
}

async function restoreRows(database: Database, filesDir: string, file: string, expected: Header): Promise<{ rows: number; files: number }> {
  const tables = TABLES.filter((t) => expected.tables.includes(t.name));
  for (const spec of tables) {
    const any = await database.db
      .selectFrom(spec.name)
      .select(sql`1`.as('x'))
      .limit(1)
      .executeTakeFirst();
    if (any) throw new Error(`restore needs an empty database, but table ${spec.name} has rows`);
  }
  if (existsSync(filesDir) && readdirSync(filesDir).length > 0) throw new Error(`restore needs an empty files directory: ${filesDir}`);

  const counts = { rows: 0, files: 0 };
  const pendingFiles: { path: string; data: string }[] = [];
  let ended = false;
  await database.db.transaction().execute(async (trx) => {
    let header: Header | null = null;
    let batch = null as { table: string; rows: Record<string, unknown>[] } | null;
    const selfParent = new Map(TABLES.filter((t) => t.selfParent).map((t) => [t.name as string, t.selfParent!]));
    const known = new Set<string>(TABLES.map((t) => t.name));
    const flush = async () => {
      if (!batch || batch.rows.length === 0) return;
      const parentCol = selfParent.get(batch.table);
      const rows = parentCol ? parentsFirst(batch.rows, parentCol) : batch.rows;
      for (let i = 0; i < rows.length; i += 200)
        await trx
          .insertInto(batch.table as keyof DB)
          .values(rows.slice(i, i + 200) as any)
          .execute();
      batch.rows = [];
    };
    for await (const text of gzipLines(file)) {
      if (!text) continue;
      const line = JSON.parse(text) as Line;
      if (line.t === 'header') {
        header = line.h;
        if (header.format !== BACKUP_FORMAT) throw new Error(`not a Gongshu backup (format ${header.format})`);
        continue;
      }
      if (!header) throw new Error('backup has no header line');
      if (line.t === 'row') {
        if (batch?.table !== line.table) {
          await flush();
          batch = { table: line.table, rows: [] };
          if (!known.has(line.table)) await createRegisteredDataset(trx, database, line.table);
        }
        batch.rows.push(line.row);
        counts.rows += 1;
        // a self-referencing table is kept whole so that parents can go first
        if (!selfParent.has(line.table) && batch.rows.length >= 1000) await flush();
      } else if (line.t === 'file') {
        pendingFiles.push({ path: line.path, data: line.data });
        counts.files += 1;
      } else if (line.t === 'end') {
        if (line.rows !== counts.rows || line.files !== counts.files)
          throw new Error('backup is incomplete: counts in its trailer do not match');
        ended = true;
      }
    }
    await flush();
    if (!ended) throw new Error('backup is truncated: it has no trailer');
  });
  for (const f of pendingFiles) {
    const target = resolve(filesDir, ...f.path.split('/'));
    if (!target.startsWith(resolve(filesDir) + sep)) throw new Error(`unsafe path in backup: ${f.path}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, Buffer.from(f.data, 'base64'));
  }
  return counts;
}

/** A dataset table's rows come after the registry's: its registered columns say how to make it. */
async function createRegisteredDataset(trx: Transaction<DB>, database: Database, table: string): Promise<void> {
  const reg = await trx.selectFrom('dataset_tables').select('columns').where('table_name', '=', table).executeTakeFirst();
  if (!reg) throw new Error(`backup has rows for ${table}, which is neither a known table nor a registered dataset`);
  await createDatasetTable(trx, database.adapter.engine, table, JSON.parse(reg.columns) as DatasetColumnSpec[]);
}

function parentsFirst(rows: Record<string, unknown>[], parentCol: string): Record<string, unknown>[] {
  const done = new Set<unknown>();
  const out: Record<string, unknown>[] = [];
  let rest = rows;
  while (rest.length) {
    const next = rest.filter((r) => r[parentCol] == null || done.has(r[parentCol]));
    if (next.length === 0) throw new Error('backup has a cycle of parent references');
    for (const r of next) {
      done.add(r.id);
      out.push(r);
    }
    rest = rest.filter((r) => !next.includes(r));
  }
  return out;
}
