// Decodes a byte stream strictly (a fatal TextDecoder in streaming mode) and names the line of any bad byte.
// LF (0x0A) is never part of a multi-byte character in UTF-8 or GB18030, so counting LF bytes counts lines
// and every LF is a place where the decoder holds no partial character: a chunk is decoded as the part up to
// its first LF (which finishes the previous line) and the rest, and a failure in the rest is located by
// decoding its lines one by one with a fresh decoder.
import { DECODER_LABEL } from './detect-encoding.js';
import { FileReadError } from './file-read-error.js';
import type { FileEncoding } from './types.js';

const LF = 0x0a;

export async function* decodeText(source: AsyncIterable<Buffer>, encoding: FileEncoding): AsyncGenerator<string> {
  const label = DECODER_LABEL[encoding];
  const decoder = new TextDecoder(label, { fatal: true });
  let lines = 0; // LF bytes seen before the current chunk
  for await (const buf of source) {
    const nul = buf.indexOf(0);
    if (nul !== -1) throw nulError(lines + 1 + countLf(buf, 0, nul));
    const firstLf = buf.indexOf(LF);
    if (firstLf === -1) {
      yield decodeOrFail(decoder, buf, encoding, lines + 1);
      continue;
    }
    const head = decodeOrFail(decoder, buf.subarray(0, firstLf + 1), encoding, lines + 1);
    const rest = buf.subarray(firstLf + 1);
    let tail: string;
    try {
      tail = decoder.decode(rest, { stream: true });
    } catch {
      throw encodingError(encoding, lines + 2 + badLineIn(rest, label));
    }
    lines += 1 + countLf(rest, 0, rest.length);
    if (head) yield head;
    if (tail) yield tail;
  }
  // A character cut by the end of the file.
  const last = decodeOrFail(decoder, undefined, encoding, lines + 1);
  if (last) yield last;
}

function decodeOrFail(decoder: TextDecoder, bytes: Buffer | undefined, encoding: FileEncoding, line: number): string {
  try {
    return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
  } catch {
    throw encodingError(encoding, line);
  }
}

/** Index (0-based) of the first line of `bytes` that fails on its own; `bytes` starts at a line start. */
function badLineIn(bytes: Buffer, label: string): number {
  let start = 0;
  for (let k = 0; ; k++) {
    const nl = bytes.indexOf(LF, start);
    const end = nl === -1 ? bytes.length : nl;
    try {
      // The last piece may end in a character the next chunk completes.
      new TextDecoder(label, { fatal: true }).decode(bytes.subarray(start, end), { stream: nl === -1 });
    } catch {
      return k;
    }
    if (nl === -1) return 0;
    start = nl + 1;
  }
}

export function countLf(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(LF, from); i !== -1 && i < to; i = buf.indexOf(LF, i + 1)) n++;
  return n;
}

function nulError(line: number): FileReadError {
  return new FileReadError(
    `第${line}行含有空字符（NUL），文件是二进制文件或已损坏，不是文本表格 (line ${line} contains NUL bytes: the file is binary or corrupt, not a text table)`,
    { reason: 'binary', line },
  );
}

function encodingError(encoding: FileEncoding, line: number): FileReadError {
  const message =
    encoding === 'gb18030'
      ? `第${line}行含有无效的 GB18030/GBK 字节，文件可能已损坏或混用了编码，请将整个文件另存为 UTF-8 (line ${line} has bytes that are not valid GB18030: the file is corrupt or mixes encodings; save it as UTF-8)`
      : `第${line}行含有不是 UTF-8 编码的字节：文件开头按 UTF-8 识别，这里却是其他编码或已损坏，请将整个文件另存为 UTF-8 (line ${line} has bytes that are not valid UTF-8 although the start of the file is; the file mixes encodings or is corrupt; save it as UTF-8)`;
  return new FileReadError(message, { reason: 'encoding', line });
}
