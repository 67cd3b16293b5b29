export { ensureDatasetTable, datasetTable, liveCount, tableNameFor, liveColumns, KEY_SEPARATOR } from './dataset-store.js';
export type { DatasetTable, DatasetColumn } from './dataset-store.js';
export { mapHeader } from './header-map.js';
export { runBatch, failBatch } from './run-batch.js';
export { ingestWorker } from './worker-source.js';
export { importFile, MAX_UPLOAD_BYTES } from './import-file.js';
export {
  receiveFile,
  submitFile,
  openPushBatch,
  addPage,
  commitPushBatch,
  submitCorrections,
  resourceForSubmit,
  MAX_PAGE_RECORDS,
} from './batches.js';
export type { Submitter, Submitted } from './batches.js';
export { batchRow, summaryOf, BATCH_MODES, uploadsDir } from './batch-model.js';
export type { BatchSummary, BatchMode, BatchStatus } from './batch-model.js';
export { progressOf } from './progress.js';
export type { BatchProgress } from './progress.js';
export { jobHandlers, giveUpHandler, scheduleDueWork, runQueuedJobs } from './jobs.js';
export { aggregationRoutes } from './routes.js';
export { correctionRoutes } from './correction-routes.js';
export { uploadRoutes } from './upload-routes.js';
