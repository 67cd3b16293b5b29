// Opens the database, migrates it, loads the signing key, and returns a ready AppContext.
import { AuditLog, headWitnessPath, loadOrCreateSigner } from '../audit/index.js';
import type { Config } from '../platform/config/index.js';
import { migrateToLatest, openDatabase } from '../platform/db/index.js';
import type { AppContext } from './context.js';

export async function openContext(config: Config, clock: () => number = Date.now): Promise<AppContext> {
  const database = await openDatabase(config.db);
  try {
    await migrateToLatest(database);
    const known = await database.db.selectFrom('signing_keys').select('key_id').execute();
    const signer = loadOrCreateSigner(
      config.dataDir,
      known.map((k) => k.key_id),
      config.newSigningKey,
    );
    const audit = new AuditLog(database, signer, {
      checkpointEvery: config.auditCheckpointEvery,
      checkpointMaxAgeMs: config.auditCheckpointSeconds * 1000,
      clock,
      headWitnessPath: headWitnessPath(config.dataDir),
    });
    await audit.registerSigningKey();
    return { config, database, audit, clock };
  } catch (err) {
    await database.close();
    throw err;
  }
}
