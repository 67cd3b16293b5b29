// `gongshu audit verify`: exits 0 on an intact log, 2 naming the first bad sequence otherwise.
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
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (opts: CommonOptions & { json?: boolean }) => {
      const { verifyChain } = await import('../audit/index.js');
      // verification reads only: it neither creates a signing key nor writes an audit entry, so that
      // it can run against a copy, a restored backup, or a database the server is using
      await withDatabase(opts, async (database) => {
        const r = await verifyChain(database.db);
        if (opts.json) console.log(JSON.stringify(r));
        else if (r.ok)
          console.log(
            `audit chain intact: ${r.checked} entries, last checkpoint ${r.lastCheckpoint ? `#${r.lastCheckpoint.seq} at ${r.lastCheckpoint.at}` : 'none'}`,
          );
        else console.error(`audit chain BROKEN at sequence ${r.firstBadSeq}: ${r.reason}`);
        process.exitCode = r.ok ? 0 : 2;
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
