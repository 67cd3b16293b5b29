// The durable job queue on every engine: one claimant wins; a live owner on this host keeps its job
// past its lease; a dead one's job, or an expired lease of an owner elsewhere, is taken over; a job
// that keeps crashing is given up after its attempts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hostname } from 'node:os';
import { spawnSync } from 'node:child_process';
import { createTestContext, testClock, type TestClock, type TestContext } from '../support/context.js';
import { testEngines } from '../support/engines.js';
import { claim, enqueue, MAX_ATTEMPTS, renewLease } from '../../src/platform/jobs/index.js';

describe.each(testEngines())('job queue on %s', (engine) => {
  let ctx: TestContext;
  let clock: TestClock;
  beforeEach(async () => {
    clock = testClock();
    ctx = await createTestContext(engine, { clock });
  });
  afterEach(async () => ctx.close());

  const add = (claimedBy?: string) =>
    ctx.database.db.transaction().execute((trx) => enqueue(trx, { kind: 'test.job', refId: 'x', clock, claimedBy }));

  it('gives a queued job to one claimant only', async () => {
    const id = await add();
    const [a, b] = await Promise.all([
      claim(ctx.database.db, { owner: `test:${hostname()}:${process.pid}`, clock, jobId: id }),
      claim(ctx.database.db, { owner: `other:elsewhere:1`, clock, jobId: id }),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
  });

  it('leaves a live owner its job past the lease, and takes over from a dead one or an expired one elsewhere', async () => {
    const live = await add(`cli:${hostname()}:${process.ppid}`); // the test runner's parent: alive
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!; // a process that has exited
    const dead = await add(`cli:${hostname()}:${deadPid}`);
    const far = await add('server:another-host:42');
    clock.advance(11 * 60_000); // every lease has run out
    const me = `test:${hostname()}:${process.pid}`;
    expect(await claim(ctx.database.db, { owner: me, clock, jobId: live })).toBeNull();
    expect(await claim(ctx.database.db, { owner: me, clock, jobId: dead })).toMatchObject({ id: dead, attempts: 2 });
    expect(await claim(ctx.database.db, { owner: me, clock, jobId: far })).toMatchObject({ id: far, attempts: 2 });
  });

  it('keeps a renewed lease of an owner elsewhere', async () => {
    const id = await add('server:another-host:42');
    clock.advance(9 * 60_000);
    await renewLease(ctx.database.db, id, 'server:another-host:42', clock);
    clock.advance(9 * 60_000);
    expect(await claim(ctx.database.db, { owner: 'test:here:1', clock, jobId: id })).toBeNull();
  });

  it('gives up a job that keeps crashing, and says so', async () => {
    const id = await add('server:another-host:42');
    const given: string[] = [];
    for (let i = 0; i < MAX_ATTEMPTS + 1; i++) {
      clock.advance(11 * 60_000);
      await claim(ctx.database.db, {
        owner: `server:another-host:${100 + i}`,
        clock,
        jobId: id,
        onGiveUp: async (j) => void given.push(j.id),
      });
    }
    expect(given).toEqual([id]);
    const row = await ctx.database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', error: `gave up after ${MAX_ATTEMPTS} attempts` });
  });
});
