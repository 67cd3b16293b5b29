// A separate process that appends audit entries: concurrency tests start several, as a server and
// CLI commands would be, each with its own database connection.
// usage: tsx audit-writer.ts DB_URL DATA_DIR COUNT WRITER_NAME
import { AuditLog, loadOrCreateSigner, SYSTEM_ACTOR } from '../../src/audit/index.js';
import { openDatabase } from '../../src/platform/db/index.js';

const [url, dataDir, countText, name] = process.argv.slice(2);
const total = Number(countText);
const database = await openDatabase(url!);
const log = new AuditLog(database, loadOrCreateSigner(dataDir!), { checkpointEvery: 500, checkpointMaxAgeMs: 60_000 });
let written = 0;
for (let i = 0; written < total; i++) {
  const n = Math.min(1 + (i % 5), total - written); // 1–5 entries a transaction
  await log.record(
    { ...SYSTEM_ACTOR, name: name! },
    ...Array.from({ length: n }, (_, k) => ({ action: 'test.concurrent', details: { k: written + k } })),
  );
  written += n;
}
await database.close();
