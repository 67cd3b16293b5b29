// better-sqlite3 answers synchronously, so a loop of awaited queries never gives the event loop a turn:
// awaiting a settled promise only runs microtasks. Long database loops call this between pages so that
// requests (a health check, a progress poll) are served while they run.
export function letOthersRun(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
