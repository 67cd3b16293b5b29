// Users see when they last logged in before this session: a second login time kept beside the latest.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('previous_login_at', 'text').execute();
}
