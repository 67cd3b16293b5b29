// `gongshu audit verify`: exits 0 on an intact log, 2 naming the first bad sequence otherwise, 3 when
// no trusted key is at hand (the database's own key list is never taken on trust).
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { withContext, withDatabase } from './context.js';
import type { CommonOptions } from './context.js';
import { dataDirOption, dbOption } from './options.js';

export function registerAuditCommands(program: Command) {
  const audit = program.command('audit').description('审计日志 the audit log');
  audit
    .command('verify')
    .description('校验审计链完整性 verify the hash chain and signed checkpoints')
    .option('--json', 'print the result as JSON')
    .option(
      '--trusted-key <hex|file>',
      'an SM2 public key to trust (hex, or a file holding it); repeatable. Trusted besides: the key file in --data-dir',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--expect-min-seq <n>', 'fail if the log ends before sequence N (from a record kept outside the database)', (v) =>
      parseNonNegativeInt(v, '--expect-min-seq'),
    )
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (opts: CommonOptions & { json?: boolean; trustedKey: string[]; expectMinSeq?: number }) => {
      const { verifyChain, readPublicKey, parseTrustedKey, headWitnessPath, readHeadWitness, checkHeadWitness } =
        await import('../audit/index.js');
      const { loadConfig } = await import('../platform/config/index.js');
      const config = loadConfig({ db: opts.db, dataDir: opts.dataDir, logLevel: 'warn' });
      // verification reads only: it neither creates a signing key nor writes an audit entry, so that
      // it can run against a copy, a restored backup, or a database the server is using
      await withDatabase(opts, async (database) => {
        // trust comes from outside the database: the key file (read, never created) and the auditor's keys
        const own = readPublicKey(config.dataDir);
        const trustedKeys = [...(own ? [own] : []), ...config.auditTrustedKeys, ...opts.trustedKey.map(parseTrustedKey)];
        if (trustedKeys.length === 0) {
          console.error(
            `没有可信公钥：数据目录 ${config.dataDir} 中没有平台密钥文件，也没有 --trusted-key。请用 --data-dir 指向服务器的数据目录，` +
              `或用 --trusted-key 给出离线保存的平台公钥 (no trusted key: the database's own key list proves nothing)`,
          );
          process.exitCode = 3;
          return;
        }
        // the signed head the server kept outside the database, when this data directory has one
        const witness = readHeadWitness(headWitnessPath(config.dataDir));
        const expectMinSeq = Math.max(opts.expectMinSeq ?? 0, witness?.seq ?? 0) || undefined;
        const chain = await verifyChain(database.db, { trustedKeys, expectMinSeq });
        const witnessed = witness && chain.ok ? await checkHeadWitness(database.db, witness, trustedKeys) : null;
        const r =
          witnessed && !witnessed.ok ? { ...chain, ok: false, firstBadSeq: witnessed.firstBadSeq, reason: witnessed.reason } : chain;
        const withWitness = { ...r, witnessSeq: witness?.seq ?? null };
        const head = r.signedHead ? `#${r.signedHead.seq} at ${r.signedHead.at} (key ${r.signedHead.keyId})` : 'none';
        if (opts.json) console.log(JSON.stringify(withWitness));
        else if (r.ok) {
          console.log(`audit chain intact: ${r.checked} entries through #${r.lastSeq}, signed head ${head}`);
          if (r.unsignedTail > 0) console.log(`${r.unsignedTail} newest entries are not yet covered by a signed checkpoint`);
          if (witness) console.log(`the log still holds the signed head #${witness.seq} that the data directory's witness records`);
          else
            console.log(
              'no head witness in this data directory: compare the signed head with a record kept outside the database (a tail cut together with its checkpoints shows only there)',
            );
        } else console.error(`audit chain BROKEN at sequence ${r.firstBadSeq}: ${r.reason} (signed head ${head})`);
        process.exitCode = r.ok ? 0 : 2;
      });
    });

  audit
    .command('rotate-key')
    .description('轮换平台签名密钥（先停止服务） rotate the platform signing key (stop the server first)')
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (opts: CommonOptions) => {
      const { rotateSigningKey } = await import('../audit/index.js');
      await withContext(opts, async (ctx) => {
        const r = await rotateSigningKey(ctx, { type: 'system', id: null, name: 'cli:audit-rotate-key', unitId: null });
        console.log(JSON.stringify(r));
        console.error('把新的公钥 (publicKey) 交给审计员离线保存 (hand the new public key to the auditors for safekeeping)');
      });
    });

  audit
    .command('archive')
    .description('归档保留期以外的审计记录到签名文件 archive entries older than the retention period into a signed file')
    .requiredOption('--before <time>', 'archive entries older than this ISO time (must lie outside the retention period, ≥ 3 years)')
    .requiredOption('--out <file>', 'the archive file to write (gzip JSON Lines, SM2-signed)')
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (opts: CommonOptions & { before: string; out: string }) => {
      const { archiveAudit } = await import('../audit/index.js');
      await withContext(opts, async (ctx) => {
        const r = await archiveAudit(ctx, opts.before, opts.out, { type: 'system', id: null, name: 'cli:audit-archive', unitId: null });
        console.log(JSON.stringify(r));
      });
    });

  audit
    .command('verify-archive <file>')
    .description('独立校验归档文件 verify an archive file on its own')
    .action(async (file: string) => {
      const { verifyArchive } = await import('../audit/index.js');
      if (!existsSync(file)) throw new Error(`归档文件不存在：${file} (no such file)`);
      const r = await verifyArchive(file);
      console.log(JSON.stringify(r));
      process.exitCode = r.ok ? 0 : 2;
    });
}

function parseNonNegativeInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} 须为非负整数 (must be a non-negative integer): ${value}`);
  return n;
}
