// Departments' Excel exports are UTF-8 (with or without BOM) or GBK/GB18030. The head of the file decides;
// the rest is still decoded strictly, so a file that changes encoding half-way fails on the line where it does.
import { FileReadError } from './file-read-error.js';
import type { FileEncoding } from './types.js';

/** TextDecoder label for each encoding; the BOM is stripped by the UTF-8 decoder itself. */
export const DECODER_LABEL: Record<FileEncoding, string> = { 'utf-8': 'utf-8', 'utf-8-bom': 'utf-8', gb18030: 'gb18030' };

/**
 * `head` is the first bytes of the file (64 KiB or the whole file when smaller); `complete` says whether it is the
 * whole file. When it is not, a multi-byte character cut at the sample's end is not an error.
 */
export function detectEncoding(head: Buffer, complete: boolean): FileEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new FileReadError(
      '文件是 UTF-16 编码，请另存为 UTF-8 或 GB18030 编码的 CSV (UTF-16 files are not supported; save as UTF-8 or GB18030)',
      {
        reason: 'encoding',
      },
    );
  }
  if (decodes('utf-8', head, complete)) return 'utf-8';
  if (decodes('gb18030', head, complete)) return 'gb18030';
  throw new FileReadError(
    '无法识别的文件编码：文件开头既不是有效的 UTF-8 也不是有效的 GB18030/GBK，请另存为 UTF-8 编码 (unrecognised encoding: the start of the file is neither valid UTF-8 nor GB18030; save it as UTF-8)',
    { reason: 'encoding', line: firstBadLine(head, complete) },
  );
}

function decodes(label: string, bytes: Buffer, complete: boolean): boolean {
  try {
    new TextDecoder(label, { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/** The first line that is valid in neither encoding, for the message. */
function firstBadLine(head: Buffer, complete: boolean): number {
  let line = 1;
  let start = 0;
  while (start < head.length) {
    const nl = head.indexOf(0x0a, start);
    const end = nl === -1 ? head.length : nl;
    const last = nl === -1 && !complete;
    const piece = head.subarray(start, end);
    if (!decodes('utf-8', piece, !last) && !decodes('gb18030', piece, !last)) return line;
    if (nl === -1) break;
    start = nl + 1;
    line++;
  }
  return line;
}
