// The file's content decides before its name: departments rename files freely, but a zip is a zip.
import { FileReadError } from './file-read-error.js';
import { isZip, refuseForeignFile } from './signatures.js';
import type { FileFormat } from './types.js';

const BY_EXTENSION: Record<string, FileFormat> = {
  csv: 'csv',
  txt: 'csv',
  xlsx: 'xlsx',
  xlsm: 'xlsx',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  jsonlines: 'jsonl',
};

/** By magic bytes first (PK zip → xlsx), then the extension; with neither, a text file starting with '{' is JSONL, other text CSV. */
export function detectFormat(fileName: string, head: Buffer): FileFormat {
  if (isZip(head)) return 'xlsx';
  refuseForeignFile(head);
  const dot = fileName.lastIndexOf('.');
  const ext = dot >= 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  if (ext === 'xls') {
    // An .xls that is not an OLE2 file is usually an HTML table or tab-separated text some systems save as "xls".
    throw new FileReadError('不支持 .xls 文件，请另存为 .xlsx 或 CSV 后上传 (.xls files are not supported; save as .xlsx or CSV)', {
      reason: 'unsupported_format',
    });
  }
  const known = BY_EXTENSION[ext];
  if (known) return known;
  if (ext === 'json') {
    // Many systems name JSON Lines '.json'; a JSON array or a pretty-printed document is not one object per line.
    if (sniffsLikeJsonLines(head)) return 'jsonl';
    throw new FileReadError(
      'JSON 文件须为每行一个对象的 JSON Lines 格式（.jsonl） (JSON uploads must be JSON Lines: one object per line, .jsonl)',
      {
        reason: 'unsupported_format',
      },
    );
  }
  if (ext && /^(docx?|pptx?|pdf|zip|rar|7z|gz|png|jpe?g|gif|bmp|exe|dll)$/.test(ext)) {
    throw new FileReadError(
      `不支持 .${ext} 文件，请上传 CSV、XLSX 或 JSON Lines (.${ext} files are not supported; upload CSV, XLSX or JSON Lines)`,
      {
        reason: 'unsupported_format',
      },
    );
  }
  return sniffsLikeJsonLines(head) ? 'jsonl' : 'csv';
}

function sniffsLikeJsonLines(head: Buffer): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0d || head[i] === 0x0a)) i++;
  return head[i] === 0x7b; // '{'
}
