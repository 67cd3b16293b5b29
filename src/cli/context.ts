// Opens the AppContext for a CLI command from its --db / --data-dir options, and closes it after.
import type { AppContext } from '../app/index.js';
import type { ConfigOverrides } from '../platform/config/index.js';

export interface CommonOptions {
  db?: string;
  dataDir?: string;
}

export async function withContext<T>(
  opts: CommonOptions,
  work: (ctx: AppContext) => Promise<T>,
  overrides: ConfigOverrides = {},
): Promise<T> {
  // loaded when a command runs, so that `gongshu --help` starts at once
  const { openContext } = await import('../app/index.js');
  const { loadConfig } = await import('../platform/config/index.js');
  const config = loadConfig({ db: opts.db, dataDir: opts.dataDir, logLevel: 'warn', ...overrides });
  const ctx = await openContext(config);
  try {
    return await work(ctx);
  } finally {
    await ctx.database.close();
  }
}
