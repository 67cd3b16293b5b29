// `serve` signs the head of the log on a timer, so that entries do not stay unsigned until the next
// thousandth entry: a tail cut from the log is then caught unless the cut also removes a checkpoint
// (see verify.ts). One checkpoint at start covers what a stopped or crashed server left unsigned; one at
// stop covers the last requests.
import type { AuditLog } from './audit-log.js';

export interface CheckpointTimer {
  /** Stops the timer and signs the head one last time. */
  stop(): Promise<void>;
}

export function startCheckpointTimer(audit: AuditLog, intervalMs: number, onError: (err: unknown) => void): CheckpointTimer {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    // one at a time: a slow tick (a busy SQLite write lock) must not pile up behind itself
    running = running.then(() => audit.checkpoint()).catch(onError);
    return running;
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await tick();
    },
  };
}
