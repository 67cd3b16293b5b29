import { describe, expect, it } from 'vitest';
import { detectEncoding, detectFormat, FileReadError } from './index.js';

const reason = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof FileReadError) return e.details.reason;
    throw e;
  }
  return 'no error';
};

describe('detectFormat', () => {
  it('trusts a zip signature over the name, then the extension', () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0]);
    expect(detectFormat('人口.csv', zip)).toBe('xlsx');
    expect(detectFormat('人口.XLSX', Buffer.from('a,b'))).toBe('xlsx'); // the xlsx reader then refuses it as broken
    expect(detectFormat('人口.CSV', Buffer.from('{"a":1}'))).toBe('csv');
    expect(detectFormat('人口.txt', Buffer.from('a,b'))).toBe('csv');
    expect(detectFormat('push.ndjson', Buffer.from('{"a":1}'))).toBe('jsonl');
  });

  it('sniffs JSON Lines only when the name does not say, and refuses a JSON array', () => {
    expect(detectFormat('upload', Buffer.from('\ufeff  {"a":1}\n'))).toBe('jsonl');
    expect(detectFormat('upload.dat', Buffer.from('a,b\n'))).toBe('csv');
    expect(detectFormat('page.json', Buffer.from('{"a":1}\n{"a":2}\n'))).toBe('jsonl');
    expect(reason(() => detectFormat('page.json', Buffer.from('[{"a":1}]')))).toBe('unsupported_format');
  });

  it('refuses binary signatures and legacy or foreign formats by name', () => {
    expect(reason(() => detectFormat('a.xlsx', Buffer.from('%PDF-1.4')))).toBe('binary');
    expect(reason(() => detectFormat('a.csv', Buffer.from([0x1f, 0x8b, 8, 0])))).toBe('binary');
    expect(reason(() => detectFormat('a.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))).toBe('unsupported_format');
    expect(reason(() => detectFormat('a.xls', Buffer.from('<html><table>')))).toBe('unsupported_format');
    expect(reason(() => detectFormat('a.docx.pdf', Buffer.from('text')))).toBe('unsupported_format');
  });
});

describe('detectEncoding', () => {
  const gbk = Buffer.from([0xca, 0xbe, 0xc0, 0xfd]); // 示例 in GBK

  it('recognises BOM, UTF-8 and GB18030, and refuses UTF-16', () => {
    expect(detectEncoding(Buffer.from('\ufeffa,b'), true)).toBe('utf-8-bom');
    expect(detectEncoding(Buffer.from('a,b\n示例'), true)).toBe('utf-8');
    expect(detectEncoding(gbk, true)).toBe('gb18030');
    expect(reason(() => detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0]), true))).toBe('encoding');
  });

  it('forgives a character cut by the end of a sample but not by the end of the file', () => {
    const cut = Buffer.from('ab示').subarray(0, 3); // 'ab' and the first byte of 示
    expect(detectEncoding(cut, false)).toBe('utf-8');
    expect(reason(() => detectEncoding(cut, true))).toBe('encoding');
    expect(detectEncoding(gbk.subarray(0, 3), false)).toBe('gb18030');
  });
});
