// Full-text search of the catalog in Chinese. SQLite: an FTS5 index with the trigram tokenizer (it
// needs no word segmentation and accelerates LIKE '%…%'), kept in step with catalog_versions by
// triggers. PostgreSQL: a pg_trgm GIN index that accelerates ILIKE '%…%', where the extension may be
// created; without it search still works, by scanning.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const SQLITE = [
  `create virtual table catalog_fts using fts5(search_text, content='catalog_versions', content_rowid='rowid', tokenize='trigram')`,
  `insert into catalog_fts(rowid, search_text) select rowid, search_text from catalog_versions`,
  `create trigger catalog_versions_fts_insert after insert on catalog_versions begin
     insert into catalog_fts(rowid, search_text) values (new.rowid, new.search_text); end`,
  `create trigger catalog_versions_fts_delete after delete on catalog_versions begin
     insert into catalog_fts(catalog_fts, rowid, search_text) values ('delete', old.rowid, old.search_text); end`,
  `create trigger catalog_versions_fts_update after update of search_text on catalog_versions begin
     insert into catalog_fts(catalog_fts, rowid, search_text) values ('delete', old.rowid, old.search_text);
     insert into catalog_fts(rowid, search_text) values (new.rowid, new.search_text); end`,
];

const POSTGRES = [
  `do $$ begin create extension if not exists pg_trgm; exception when others then raise notice 'pg_trgm is not available: catalog search will scan'; end $$`,
  `do $$ begin
     if exists (select 1 from pg_extension where extname = 'pg_trgm') then
       create index catalog_versions_search_trgm on catalog_versions using gin (search_text gin_trgm_ops);
     end if;
   end $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = db.getExecutor().adapter instanceof PostgresAdapter ? POSTGRES : SQLITE;
  for (const statement of statements) await sql.raw(statement).execute(db);
}
