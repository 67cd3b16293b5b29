// What a file's first bytes already tell, checked when it is uploaded: an empty file, a format no reader
// takes, or NUL bytes in a text file. The department hears it in the upload's answer, and no batch is made
// that could only fail; everything else is found by the reader when the batch runs.
import { detectFormat } from './detect-format.js';
import { FileReadError } from './file-read-error.js';
import { refuseNulBytes } from './text-source.js';
import type { FileFormat } from './types.js';

export function checkFileHead(fileName: string, head: Buffer, size: number): FileFormat {
  if (size === 0) throw new FileReadError('文件是空的 (the file is empty)', { reason: 'empty_file' });
  const format = detectFormat(fileName, head);
  if (format !== 'xlsx') refuseNulBytes(head);
  return format;
}
