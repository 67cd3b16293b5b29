// Runs queued jobs in this process, one at a time (a batch already keeps a core busy), until stopped.
import type { Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import { claim, finish, ownerId, type Job } from './queue.js';

export type JobHandler = (job: Job) => Promise<void>;

export interface JobRunner {
  /** Looks for work now instead of at the next poll. */
  kick(): void;
  stop(): Promise<void>;
}

export function startJobRunner(
  db: Kysely<DB>,
  handlers: Record<string, JobHandler>,
  opts: {
    clock: () => number;
    pollMs?: number;
    onError?: (job: Job, err: unknown) => void;
    onGiveUp?: (job: Job) => Promise<void>;
    /** Called every minute while a job runs, to renew its lease. */
    heartbeat?: (job: Job, owner: string) => Promise<unknown>;
  },
): JobRunner {
  const owner = ownerId('server');
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  async function drain(): Promise<void> {
    while (!stopped) {
      const job = await claim(db, { owner, clock: opts.clock, kinds: Object.keys(handlers), onGiveUp: opts.onGiveUp });
      if (!job) return;
      const beat = opts.heartbeat ? setInterval(() => void opts.heartbeat!(job, owner).catch(() => {}), 60_000) : null;
      try {
        await handlers[job.kind]!(job);
        await finish(db, job.id, 'done', opts.clock);
      } catch (err) {
        opts.onError?.(job, err);
        await finish(db, job.id, 'failed', opts.clock, err instanceof Error ? err.message : String(err));
      } finally {
        if (beat) clearInterval(beat);
      }
    }
  }

  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      running = drain()
        .catch(() => {})
        .finally(() => {
          running = null;
          schedule(opts.pollMs ?? 2000);
        });
    }, delay);
    timer.unref();
  }
  schedule(0);

  return {
    kick() {
      if (timer && !running) {
        clearTimeout(timer);
        timer = null;
        schedule(0);
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
