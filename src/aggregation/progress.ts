// Live progress of the batches running in this process, for the console's progress bar. Kept in memory:
// a running batch holds its transaction open, and its counts mean nothing until it commits.
export interface BatchProgress {
  phase: 'reading' | 'applying' | 'scoring' | 'done' | 'failed';
  read: number;
  applied: number;
  rejected: number;
  bytesRead: number;
  totalBytes: number;
}

const live = new Map<string, BatchProgress>();

export function progressOf(batchId: string): BatchProgress | null {
  return live.get(batchId) ?? null;
}

export function setProgress(batchId: string, p: BatchProgress): void {
  live.set(batchId, p);
}

export function clearProgress(batchId: string): void {
  live.delete(batchId);
}
