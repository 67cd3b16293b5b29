// Opens the AppContext for a CLI command from its --db / --data-dir options, and closes it after.
import { openContext, type AppContext } from '../app/index.js';
import { loadConfig, type ConfigOverrides } from '../platform/config/index.js';

export interface CommonOptions {
  db?: string;
  dataDir?: string;
}

export async function withContext<T>(
  opts: CommonOptions,
  work: (ctx: AppContext) => Promise<T>,
  overrides: ConfigOverrides = {},
): Promise<T> {
  const config = loadConfig({ db: opts.db, dataDir: opts.dataDir, logLevel: 'warn', ...overrides });
  const ctx = await openContext(config);
  try {
    return await work(ctx);
  } finally {
    await ctx.database.close();
  }
}
