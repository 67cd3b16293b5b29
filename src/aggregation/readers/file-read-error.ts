// A file that cannot be read as records. Status 400 with code 'bad_file' and the place of the fault, so the
// console can tell a department which line of their export to fix.
import { AppError } from '../../platform/errors.js';

export type FileReadReason =
  | 'empty_file'
  | 'unsupported_format'
  | 'binary'
  | 'encoding'
  | 'empty_header'
  | 'duplicate_header'
  | 'too_many_columns'
  | 'too_many_cells'
  | 'unclosed_quote'
  | 'bad_quote'
  | 'field_too_long'
  | 'record_too_long'
  | 'broken_xlsx'
  | 'no_worksheet'
  | 'number_precision'
  | 'invalid_json'
  | 'not_object'
  | 'nested_value'
  | 'unknown_key'
  | 'bad_value';

export interface FileReadErrorDetails {
  /** 1-based line of the file (CSV, JSONL). */
  line?: number;
  /** 1-based record number, header excluded, as the chunks number them. */
  record?: number;
  /** 1-based column. */
  column?: number;
  reason: FileReadReason;
}

export class FileReadError extends AppError {
  declare readonly details: FileReadErrorDetails;

  constructor(message: string, details: FileReadErrorDetails) {
    super(400, 'bad_file', message, details);
    this.name = 'FileReadError';
  }
}

/**
 * An .xlsx the reader library failed on inside itself (a TypeError, not a format check). Now and then its
 * streaming unzip stops before the workbook's last entries (about 1 in 300 reads of a small file, measured
 * on exceljs 4.4 / unzipper 0.10), and a sound file looks broken; opening it again reads it whole. Tells
 * openRecordReader to try again; if every attempt fails, the file is reported broken as before.
 */
export class XlsxLibraryError extends FileReadError {
  constructor(message: string) {
    super(message, { reason: 'broken_xlsx' });
    this.name = 'XlsxLibraryError';
  }
}
