// A fresh AppContext on a scratch database for one test, with a clock the test can move.
import { openContext, type AppContext } from '../../src/app/index.js';
import { loadConfig } from '../../src/platform/config/index.js';
import { seedDemo } from '../../src/demo/index.js';
import { scratchDatabase, type EngineName } from './engines.js';

export interface TestClock {
  now: number;
  advance(ms: number): void;
  (): number;
}

export function testClock(start = Date.parse('2026-11-27T02:00:00.000Z')): TestClock {
  const clock = (() => clock.now) as TestClock;
  clock.now = start;
  clock.advance = (ms: number) => {
    clock.now += ms;
  };
  return clock;
}

export interface TestContext extends AppContext {
  close(): Promise<void>;
}

export async function createTestContext(
  engine: EngineName,
  opts: { demo?: boolean; clock?: () => number; env?: Record<string, string> } = {},
): Promise<TestContext> {
  const scratch = await scratchDatabase(engine);
  const config = loadConfig({ db: scratch.url, dataDir: scratch.dataDir, logLevel: 'silent' }, { ...opts.env });
  const ctx = await openContext(config, opts.clock ?? Date.now);
  if (opts.demo) await seedDemo(ctx);
  return {
    ...ctx,
    close: async () => {
      await ctx.database.close();
      await scratch.drop();
    },
  };
}
