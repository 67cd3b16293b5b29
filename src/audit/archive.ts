// Retention (R3.1.8): entries older than the retention period (never under three years) may be moved
// out of the live log into a signed archive file that verifies on its own. The live chain then
// continues from an anchor that records the last archived entry's hash, signed by the platform key so
// that an anchor typed in with SQL is caught by verify; the archiving is audited.
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { gzipLines } from '../platform/files/index.js';
import type { AppContext } from '../app/context.js';
import { nowIso } from '../platform/db/index.js';
import { sm3Stream, sm2Verify } from '../platform/crypto/index.js';
import { badRequest } from '../platform/errors.js';
import { entryDigest, GENESIS_HASH, SYSTEM_ACTOR, type AuditActor, type AuditRow } from './entry.js';
import { anchorMessage } from './signer.js';

export const ARCHIVE_FORMAT = 'gongshu-audit-archive-v1';

/**
 * The newest time an archive may cut at: `years` calendar years before `now` (R3.1.8 counts years, and
 * 3 × 365 days falls short by the leap days). 29 February goes back to 28 February, as PostgreSQL's
 * `now() - interval '3 years'` in the delete guard does, so this is never laxer than the database.
 */
export function retentionCutoff(now: number, years: number): number {
  const d = new Date(now);
  const month = d.getUTCMonth();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  if (d.getUTCMonth() !== month) d.setUTCDate(0); // rolled over into March: the last day of February
  return d.getTime();
}

interface ArchiveHeader {
  format: string;
  fromSeq: number;
  throughSeq: number;
  prevHash: string;
  keyId: string;
  publicKey: string;
  createdAt: string;
}

interface ArchiveTrailer {
  count: number;
  lastHash: string;
  entriesSm3: string;
  signature: string;
}

const trailerMessage = (h: ArchiveHeader, t: Omit<ArchiveTrailer, 'signature'>) =>
  `${ARCHIVE_FORMAT}|${h.fromSeq}|${h.throughSeq}|${h.prevHash}|${t.lastHash}|${t.count}|${t.entriesSm3}|${h.createdAt}`;

export interface ArchiveResult {
  file: string;
  fromSeq: number;
  throughSeq: number;
  count: number;
}

/** Archives every live entry older than `before` into `file`; refuses a cut-off inside the retention period. */
export async function archiveAudit(
  ctx: AppContext,
  before: string,
  file: string,
  actor: AuditActor = SYSTEM_ACTOR,
): Promise<ArchiveResult> {
  const { signer } = ctx.audit;
  const cutoff = Date.parse(before);
  if (Number.isNaN(cutoff)) throw badRequest('invalid_time', `not a time: ${before}`);
  const years = ctx.config.auditRetentionYears;
  const oldestAllowed = retentionCutoff(ctx.clock(), years);
  if (cutoff > oldestAllowed) {
    throw badRequest(
      'retention',
      `审计日志须保留 ${years} 年：只能归档 ${new Date(oldestAllowed).toISOString()} 之前的记录 (entries inside the retention period cannot be archived)`,
    );
  }
  if (existsSync(file)) throw badRequest('file_exists', `archive file already exists: ${file}`);
  const { db } = ctx.database;
  const cutIso = new Date(cutoff).toISOString();
  const last = await db.selectFrom('audit_log').select(['seq']).where('at', '<', cutIso).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const first = await db.selectFrom('audit_log').selectAll().orderBy('seq').limit(1).executeTakeFirst();
  if (!last || !first) throw badRequest('nothing_to_archive', `no audit entries before ${cutIso}`);
  const throughSeq = Number(last.seq);
  const fromSeq = Number(first.seq);

  const header: ArchiveHeader = {
    format: ARCHIVE_FORMAT,
    fromSeq,
    throughSeq,
    prevHash: first.prev_hash,
    keyId: signer.keyId,
    publicKey: signer.publicKey,
    createdAt: nowIso(ctx.clock),
  };
  let lastHash = first.prev_hash;
  let count = 0;
  const digest = sm3Stream();
  async function* lines(): AsyncGenerator<string> {
    yield JSON.stringify({ header }) + '\n';
    for (let after = fromSeq - 1; after < throughSeq;) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>', after)
        .where('seq', '<=', throughSeq)
        .orderBy('seq')
        .limit(2000)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        const line = JSON.stringify({ entry: { ...row, seq: Number(row.seq) } });
        digest.update(line);
        lastHash = row.hash;
        count += 1;
        yield line + '\n';
      }
      after = Number(rows[rows.length - 1]!.seq);
    }
    const body = { count, lastHash, entriesSm3: digest.digest('hex') };
    yield JSON.stringify({ trailer: { ...body, signature: signer.sign(trailerMessage(header, body)) } }) + '\n';
  }
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file, { flags: 'wx' }));

  // the file must verify before anything leaves the live log
  const check = await verifyArchive(file);
  if (!check.ok || check.throughSeq !== throughSeq) throw new Error(`archive did not verify: ${check.reason}`);
  const fileSm3 = await sm3OfFile(file);

  await ctx.audit.transaction(actor, async (trx, trail) => {
    await ctx.database.adapter.lockAuditChain(trx);
    const anchor = {
      seq: throughSeq,
      hash: lastHash,
      cutoff: cutIso,
      archiveFile: basename(file),
      archiveSm3: fileSm3,
      at: nowIso(ctx.clock),
    };
    await trx
      .insertInto('audit_anchors')
      .values({
        archived_through_seq: anchor.seq,
        archived_through_hash: anchor.hash,
        archive_file: anchor.archiveFile,
        archive_sm3: anchor.archiveSm3,
        at: anchor.at,
        cutoff: anchor.cutoff,
        key_id: signer.keyId,
        signature: signer.sign(anchorMessage(anchor)),
      })
      .execute();
    await trx.deleteFrom('audit_checkpoints').where('seq', '<=', throughSeq).execute();
    await trx.deleteFrom('audit_log').where('seq', '<=', throughSeq).execute();
    trail.record({
      action: 'audit.archive',
      objectType: 'audit_log',
      objectId: `${fromSeq}-${throughSeq}`,
      details: { before: cutIso, count, file: basename(file), sm3: fileSm3 },
    });
  });
  // the checkpoints that covered the archived entries are gone: sign the live head at once
  await ctx.audit.checkpoint();
  return { file, fromSeq, throughSeq, count };
}

async function sm3OfFile(file: string): Promise<string> {
  const h = sm3Stream();
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export interface ArchiveCheck {
  ok: boolean;
  reason: string | null;
  fromSeq: number | null;
  throughSeq: number | null;
  count: number;
  keyId: string | null;
}

/** Verifies an archive file with nothing but itself: the chain inside it and the SM2 signature. */
export async function verifyArchive(file: string): Promise<ArchiveCheck> {
  let header: ArchiveHeader | null = null;
  let trailer: ArchiveTrailer | null = null;
  let prev = '';
  let expected = 0;
  let count = 0;
  const digest = sm3Stream();
  const bad = (reason: string): ArchiveCheck => ({
    ok: false,
    reason,
    fromSeq: header?.fromSeq ?? null,
    throughSeq: header?.throughSeq ?? null,
    count,
    keyId: header?.keyId ?? null,
  });
  try {
    for await (const line of gzipLines(file)) {
      if (!line) continue;
      if (trailer) return bad('content after the trailer');
      const parsed = JSON.parse(line) as { header?: ArchiveHeader; entry?: AuditRow; trailer?: ArchiveTrailer };
      if (parsed.header) {
        if (header) return bad('two headers');
        header = parsed.header;
        if (header.format !== ARCHIVE_FORMAT) return bad(`unknown format ${header.format}`);
        prev = header.prevHash;
        expected = header.fromSeq;
      } else if (parsed.entry) {
        if (!header) return bad('entry before the header');
        const { hash, ...rest } = parsed.entry;
        if (rest.seq !== expected) return bad(`entry ${expected} is missing`);
        if (rest.prev_hash !== prev) return bad(`entry ${rest.seq} does not link to the entry before it`);
        if (entryDigest(rest) !== hash) return bad(`entry ${rest.seq} was altered`);
        digest.update(line);
        prev = hash;
        expected += 1;
        count += 1;
      } else if (parsed.trailer) {
        trailer = parsed.trailer;
      }
    }
  } catch (err) {
    return bad(`unreadable archive: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!header) return bad('no header');
  if (!trailer) return bad('no trailer: the archive is truncated');
  if (expected - 1 !== header.throughSeq || count !== trailer.count) return bad('the archive does not hold the entries its header names');
  if (trailer.lastHash !== prev) return bad('the trailer does not match the last entry');
  if (trailer.entriesSm3 !== digest.digest('hex')) return bad('the entries differ from what was signed');
  if (!sm2Verify(trailerMessage(header, trailer), trailer.signature, header.publicKey)) return bad('the SM2 signature is invalid');
  if (header.fromSeq === 1 && header.prevHash !== GENESIS_HASH) return bad('the first archive does not start at the genesis');
  return { ok: true, reason: null, fromSeq: header.fromSeq, throughSeq: header.throughSeq, count, keyId: header.keyId };
}
