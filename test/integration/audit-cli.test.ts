// `gongshu audit verify` as an operator or an auditor runs it: which keys it trusts, what it reports
// (the signed head), --expect-min-seq, exit codes; and `gongshu audit rotate-key`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyFilePath } from '../../src/audit/index.js';
import { openDatabase } from '../../src/platform/db/index.js';
import { runCli, seededScratch } from '../support/cli.js';
import { testEngines, type ScratchDb } from '../support/engines.js';
import { attackerSigner, dropAuditGuards, forgeChainWithOwnKey } from '../support/tamper.js';

describe.each(testEngines())('audit verify on the command line, %s', (engine) => {
  let scratch: ScratchDb;
  let args: string[];
  beforeAll(async () => {
    ({ scratch, args } = await seededScratch(engine));
  }, 300_000);
  afterAll(async () => scratch.drop());

  it('trusts the key file of --data-dir and reports the signed head, which loading the demo left at the end of the log', async () => {
    const r = await runCli(['audit', 'verify', '--json', ...args]);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ ok: true, trust: 'external', unsignedTail: 0 });
    expect(result.signedHead.seq).toBe(result.lastSeq);
    const text = await runCli(['audit', 'verify', ...args]);
    expect(text.stdout).toMatch(new RegExp(`signed head #${result.lastSeq} at `));
  });

  it('without a key file or --trusted-key it refuses to vouch for the log (exit 3)', async () => {
    const r = await runCli(['audit', 'verify', '--db', scratch.url, '--data-dir', join(scratch.dataDir, 'no-keys-here')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no trusted key/);
  });

  it('takes the public key as hex or as a file, and --expect-min-seq fails a log that ends too early', async () => {
    const { publicKey } = JSON.parse(readFileSync(keyFilePath(scratch.dataDir), 'utf8')) as { publicKey: string };
    const pub = join(scratch.dataDir, 'platform.pub');
    writeFileSync(pub, publicKey + '\n');
    const elsewhere = ['--db', scratch.url, '--data-dir', join(scratch.dataDir, 'auditor')];
    for (const key of [publicKey, pub]) {
      const r = await runCli(['audit', 'verify', '--json', ...elsewhere, '--trusted-key', key]);
      expect(r.code, r.stderr).toBe(0);
    }
    const ok = JSON.parse((await runCli(['audit', 'verify', '--json', ...args])).stdout) as { lastSeq: number };
    const short = await runCli(['audit', 'verify', '--json', ...args, '--expect-min-seq', String(ok.lastSeq + 5)]);
    expect(short.code).toBe(2);
    expect(JSON.parse(short.stdout)).toMatchObject({ ok: false, firstBadSeq: ok.lastSeq + 1 });
    expect((await runCli(['audit', 'verify', ...args, '--trusted-key', 'not-a-key'])).code).not.toBe(0);
  });

  it('rotates the key: the old public key alone still verifies everything, the new one too', async () => {
    const before = JSON.parse(readFileSync(keyFilePath(scratch.dataDir), 'utf8')) as { publicKey: string };
    const r = await runCli(['audit', 'rotate-key', ...args]);
    expect(r.code, r.stderr).toBe(0);
    const rotation = JSON.parse(r.stdout) as { publicKey: string; retiredKeyFile: string };
    expect(JSON.parse(readFileSync(keyFilePath(scratch.dataDir), 'utf8')).publicKey).toBe(rotation.publicKey);
    expect(JSON.parse(readFileSync(rotation.retiredKeyFile, 'utf8')).publicKey).toBe(before.publicKey);
    // a command that writes with the new key
    expect((await runCli(['backup', join(scratch.dataDir, 'after-rotation.gz'), ...args])).code).toBe(0);
    const auditor = ['--db', scratch.url, '--data-dir', join(scratch.dataDir, 'auditor')];
    for (const key of [before.publicKey, rotation.publicKey]) {
      const v = await runCli(['audit', 'verify', '--json', ...auditor, '--trusted-key', key]);
      expect(v.code, v.stdout).toBe(0);
    }
  });

  it('probe C on the command line: a chain re-signed with a key added to the database exits 2', async () => {
    const database = await openDatabase(scratch.url);
    try {
      await dropAuditGuards(database.db, database.adapter.engine);
      await forgeChainWithOwnKey(database.db, { seq: 5, actionName: 'unit.delete' }, attackerSigner());
    } finally {
      await database.close();
    }
    const r = await runCli(['audit', 'verify', '--json', ...args]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, firstBadSeq: 1 });
  });
});
