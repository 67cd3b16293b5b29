// Configuration: read from the environment (and CLI flags) once, validated, typed.
import { z } from 'zod';
import { resolve } from 'node:path';

const MIN_AUDIT_RETENTION_DAYS = 3 * 365; // R3.1.8: at least three years

const schema = z.object({
  db: z.string().min(1),
  dataDir: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  auditRetentionDays: z.coerce
    .number()
    .int()
    .min(MIN_AUDIT_RETENTION_DAYS, `audit retention may not be below ${MIN_AUDIT_RETENTION_DAYS} days (R3.1.8)`),
  auditCheckpointEvery: z.coerce.number().int().min(1),
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
    auditRetentionDays: env.GONGSHU_AUDIT_RETENTION_DAYS ?? MIN_AUDIT_RETENTION_DAYS,
    auditCheckpointEvery: env.GONGSHU_AUDIT_CHECKPOINT_EVERY ?? 1000,
    sessionIdleMinutes: env.GONGSHU_SESSION_IDLE_MINUTES ?? 30,
    sessionAbsoluteHours: env.GONGSHU_SESSION_ABSOLUTE_HOURS ?? 12,
    secureCookies: ['true', '1', 'yes'].includes((env.GONGSHU_SECURE_COOKIES ?? 'false').toLowerCase()),
    webDir: overrides.webDir ?? env.GONGSHU_WEB_DIR ?? resolve(new URL('../../../web/dist', import.meta.url).pathname),
    trustProxy: parseTrustProxy(env.GONGSHU_TRUST_PROXY),
    newSigningKey: env.GONGSHU_NEW_SIGNING_KEY === 'true',
    ticketDeadlineDays: env.GONGSHU_TICKET_DAYS ?? 5,
  };
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
