// Configuration: read from the environment (and CLI flags) once, validated, typed.
import { z } from 'zod';
import { resolve } from 'node:path';

// R3.1.8: at least three years — calendar years ("now minus 3 years"), not 1095 days, which leap days shorten
const MIN_AUDIT_RETENTION_YEARS = 3;
const SM2_PUBLIC_KEY = /^04[0-9a-f]{128}$/;

const schema = z.object({
  db: z.string().min(1),
  dataDir: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  auditRetentionYears: z.coerce
    .number()
    .int()
    .min(MIN_AUDIT_RETENTION_YEARS, `audit retention may not be below ${MIN_AUDIT_RETENTION_YEARS} years (R3.1.8)`),
  auditCheckpointEvery: z.coerce.number().int().min(1),
  /** GONGSHU_AUDIT_CHECKPOINT_SECONDS: `serve` signs the head of the log this often when it moved */
  auditCheckpointSeconds: z.coerce.number().int().min(1).max(3600),
  /** GONGSHU_AUDIT_TRUSTED_KEYS: SM2 public keys (hex, comma-separated) the server's verify trusts besides its own key */
  auditTrustedKeys: z.array(z.string().regex(SM2_PUBLIC_KEY, 'not an SM2 public key in hex (04…, 130 digits)')),
  sessionIdleMinutes: z.coerce.number().int().min(1),
  sessionAbsoluteHours: z.coerce.number().int().min(1),
  secureCookies: z.boolean(),
  webDir: z.string(),
  /** GONGSHU_TRUST_PROXY: off by default; comma-separated proxy addresses/CIDRs (or `true`: trust any, unsafe) */
  trustProxy: z.union([z.boolean(), z.string()]),
  /** GONGSHU_NEW_SIGNING_KEY=true: make a new platform key although the log is signed by others (rotation) */
  newSigningKey: z.boolean(),
  /** GONGSHU_TICKET_DAYS: calendar days a producer has to correct a problem ticket */
  ticketDeadlineDays: z.coerce.number().int().min(1).max(90),
  /** GONGSHU_PASSWORD_MAX_DAYS: a password older than this must be changed at the next login; 0 (default) is off */
  passwordMaxDays: z.coerce.number().int().min(0).max(3650),
  /**
   * GONGSHU_INGEST_WORKER_FROM_BYTES: stored files from this size on are prepared in a worker thread;
   * unset (the default): never — measured no better on a busy 2-vCPU machine (BENCHMARKS.md, Ingest)
   */
  ingestWorkerFromBytes: z.coerce.number().int().min(0).nullable(),
});

export type Config = z.infer<typeof schema>;

export interface ConfigOverrides {
  db?: string;
  port?: number;
  dataDir?: string;
  logLevel?: Config['logLevel'];
  webDir?: string;
}

export function loadConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(overrides.dataDir ?? env.GONGSHU_DATA_DIR ?? './data');
  const raw = {
    db: overrides.db ?? env.GONGSHU_DB ?? `sqlite:${resolve(dataDir, 'gongshu.db')}`,
    dataDir,
    port: overrides.port ?? env.GONGSHU_PORT ?? env.PORT ?? 8080,
    host: env.GONGSHU_HOST ?? '0.0.0.0',
    logLevel: overrides.logLevel ?? env.GONGSHU_LOG_LEVEL ?? 'info',
    auditRetentionYears: env.GONGSHU_AUDIT_RETENTION_YEARS ?? MIN_AUDIT_RETENTION_YEARS,
    auditCheckpointEvery: env.GONGSHU_AUDIT_CHECKPOINT_EVERY ?? 1000,
    auditCheckpointSeconds: env.GONGSHU_AUDIT_CHECKPOINT_SECONDS ?? 60,
    auditTrustedKeys: (env.GONGSHU_AUDIT_TRUSTED_KEYS ?? '')
      .split(',')
      .map((k) => k.trim().toLowerCase())
      .filter(Boolean),
    sessionIdleMinutes: env.GONGSHU_SESSION_IDLE_MINUTES ?? 30,
    sessionAbsoluteHours: env.GONGSHU_SESSION_ABSOLUTE_HOURS ?? 12,
    secureCookies: ['true', '1', 'yes'].includes((env.GONGSHU_SECURE_COOKIES ?? 'false').toLowerCase()),
    webDir: overrides.webDir ?? env.GONGSHU_WEB_DIR ?? resolve(new URL('../../../web/dist', import.meta.url).pathname),
    trustProxy: parseTrustProxy(env.GONGSHU_TRUST_PROXY),
    newSigningKey: env.GONGSHU_NEW_SIGNING_KEY === 'true',
    ticketDeadlineDays: env.GONGSHU_TICKET_DAYS ?? 5,
    passwordMaxDays: env.GONGSHU_PASSWORD_MAX_DAYS ?? 0,
    ingestWorkerFromBytes: env.GONGSHU_INGEST_WORKER_FROM_BYTES || null,
  };
  if (env.GONGSHU_AUDIT_RETENTION_DAYS !== undefined) {
    // silently ignoring it could shorten a retention someone chose: make them restate it in years
    throw new Error('invalid configuration: GONGSHU_AUDIT_RETENTION_DAYS is replaced by GONGSHU_AUDIT_RETENTION_YEARS (calendar years)');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  return parsed.data;
}

function parseTrustProxy(value: string | undefined): boolean | string {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return value;
}
