export { openRecordReader } from './open-record-reader.js';
export { detectFormat } from './detect-format.js';
export { checkFileHead } from './check-head.js';
export { HEAD_BYTES } from './limits.js';
export { detectEncoding } from './detect-encoding.js';
export { rowsFromObjects } from './json-values.js';
export { FileReadError } from './file-read-error.js';
export type { FileReadErrorDetails, FileReadReason } from './file-read-error.js';
export type { FileEncoding, FileFormat, OpenRecordReaderOptions, RecordReader, RecordRow } from './types.js';
