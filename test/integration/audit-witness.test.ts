// The signed head kept outside the database (audit-head.json in the data directory): the tail of the
// log cut together with the checkpoints that signed it — invisible to the database alone — fails
// `audit verify` against the witness; a witness not signed by a trusted key fails too; a restore moves
// the witness of the replaced log aside.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { headWitnessPath, keyFilePath } from '../../src/audit/index.js';
import { openDatabase } from '../../src/platform/db/index.js';
import { runCli, seededScratch } from '../support/cli.js';
import { scratchDatabase, testEngines, type ScratchDb } from '../support/engines.js';
import { dropAuditGuards } from '../support/tamper.js';

describe.each(testEngines())('the audit head witness, %s', (engine) => {
  let scratch: ScratchDb;
  let args: string[];
  beforeAll(async () => {
    ({ scratch, args } = await seededScratch(engine));
  }, 300_000);
  afterAll(async () => scratch.drop());

  const verify = async () => {
    const r = await runCli(['audit', 'verify', '--json', ...args]);
    return {
      code: r.code,
      result: JSON.parse(r.stdout) as { ok: boolean; lastSeq: number; firstBadSeq?: number; reason?: string; witnessSeq: number | null },
    };
  };

  it('is written when the head is signed, and an intact log holds the head it records', async () => {
    const witness = JSON.parse(readFileSync(headWitnessPath(scratch.dataDir), 'utf8')) as { seq: number; hash: string };
    const { code, result } = await verify();
    expect(code).toBe(0);
    expect(result).toMatchObject({ ok: true, witnessSeq: witness.seq });
    expect(witness.seq).toBe(result.lastSeq);
  });

  it('fails a witness that no trusted key signed', async () => {
    const path = headWitnessPath(scratch.dataDir);
    const original = readFileSync(path, 'utf8');
    try {
      const forged = JSON.parse(original) as { seq: number };
      writeFileSync(path, JSON.stringify({ ...forged, seq: forged.seq - 1 }));
      const { code, result } = await verify();
      expect(code).toBe(2);
      expect(result.reason).toMatch(/not signed by a trusted key/);
    } finally {
      writeFileSync(path, original);
    }
  });

  it('catches a tail cut together with the checkpoints that signed it, which the database alone cannot', async () => {
    const { result: before } = await verify();
    const cut = before.lastSeq - 3;
    const database = await openDatabase(scratch.url);
    try {
      await dropAuditGuards(database.db, database.adapter.engine);
      await database.db.deleteFrom('audit_log').where('seq', '>=', cut).execute();
      await database.db.deleteFrom('audit_checkpoints').where('seq', '>=', cut).execute();
    } finally {
      await database.close();
    }
    // without the witness (another data directory, the public key given) the database looks intact…
    const { publicKey } = JSON.parse(readFileSync(join(scratch.dataDir, 'keys', 'platform-sm2.json'), 'utf8')) as { publicKey: string };
    const alone = await runCli([
      'audit',
      'verify',
      '--json',
      '--db',
      scratch.url,
      '--data-dir',
      join(scratch.dataDir, 'elsewhere'),
      '--trusted-key',
      publicKey,
    ]);
    expect(alone.code, alone.stdout).toBe(0);
    // …the witness says what is missing
    const { code, result } = await verify();
    expect(code).toBe(2);
    expect(result).toMatchObject({ ok: false, firstBadSeq: cut, witnessSeq: before.lastSeq });
  });

  it('a restore into a data directory with a witness keeps it aside, and the restored log verifies', async () => {
    const file = join(scratch.dataDir, 'witness-backup.gz');
    const source = await scratchDatabase(engine);
    const target = await scratchDatabase(engine);
    try {
      const src = ['--db', source.url, '--data-dir', source.dataDir];
      expect((await runCli(['migrate', ...src])).code).toBe(0);
      expect((await runCli(['backup', file, ...src])).code).toBe(0);
      // the data directory of a server whose database was lost: its witness signed the lost log
      copyFileSync(headWitnessPath(scratch.dataDir), headWitnessPath(target.dataDir));
      const into = ['--db', target.url, '--data-dir', target.dataDir];
      const r = await runCli(['restore', file, ...into]);
      expect(r.code, r.stderr).toBe(0);
      const kept = (JSON.parse(r.stdout) as { headWitnessKeptAs: string }).headWitnessKeptAs;
      expect(readFileSync(kept, 'utf8')).toBe(readFileSync(headWitnessPath(scratch.dataDir), 'utf8'));
      expect(existsSync(headWitnessPath(target.dataDir))).toBe(false);
      const v = await runCli(['audit', 'verify', '--json', ...into, '--trusted-key', keyFilePath(source.dataDir)]);
      expect(v.code, v.stdout).toBe(0);
    } finally {
      await target.drop();
      await source.drop();
    }
  });
});
