export { enqueue, claim, finish, jobFor, ownerId, renewLease, DEFAULT_LEASE_MS, MAX_ATTEMPTS } from './queue.js';
export type { Job, JobStatus } from './queue.js';
export { startJobRunner } from './runner.js';
export type { JobHandler, JobRunner } from './runner.js';
