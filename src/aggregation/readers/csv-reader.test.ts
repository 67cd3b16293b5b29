import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileReadError, openRecordReader, type OpenRecordReaderOptions, type RecordRow } from './index.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'readers-csv-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

async function readAll(path: string, opts?: OpenRecordReaderOptions) {
  const reader = await openRecordReader(path, opts);
  const rows: RecordRow[] = [];
  try {
    for await (const chunk of reader.chunks()) rows.push(...chunk);
  } finally {
    await reader.close();
  }
  return { reader, rows };
}

async function readError(path: string, opts?: OpenRecordReaderOptions): Promise<FileReadError> {
  try {
    await readAll(path, opts);
  } catch (e) {
    if (e instanceof FileReadError) return e;
    throw e;
  }
  throw new Error('expected a FileReadError');
}

const TABLE = '身份证号,姓名,备注\r\n11010519491231002X,张三,"住址：示例市,示例路1号"\r\n440524188001010014,李四,"两行\r\n备注"\r\n';

describe('CSV encodings', () => {
  it('reads UTF-8 without a BOM', async () => {
    const { reader, rows } = await readAll(file('plain.csv', TABLE));
    expect(reader).toMatchObject({ format: 'csv', encoding: 'utf-8', header: ['身份证号', '姓名', '备注'] });
    expect(rows).toEqual([
      ['11010519491231002X', '张三', '住址：示例市,示例路1号'],
      ['440524188001010014', '李四', '两行\r\n备注'],
    ]);
  });

  it('reads UTF-8 with a BOM and keeps the BOM out of the first title', async () => {
    const { reader, rows } = await readAll(file('bom.csv', '\ufeff' + TABLE));
    expect(reader.encoding).toBe('utf-8-bom');
    expect(reader.header[0]).toBe('身份证号');
    expect(rows).toHaveLength(2);
  });

  it('reads a GB18030 export, including characters outside GBK and quoted line breaks', async () => {
    const text = TABLE + '350500199001011234,𠀀𪚥,"示例\n街道"\r\n';
    const { reader, rows } = await readAll(file('gbk.csv', iconv.encode(text, 'gb18030')));
    expect(reader.encoding).toBe('gb18030');
    expect(rows[1]).toEqual(['440524188001010014', '李四', '两行\r\n备注']);
    expect(rows[2]).toEqual(['350500199001011234', '𠀀𪚥', '示例\n街道']);
  });

  it('detects the encoding when the 64 KiB sample ends inside a character', async () => {
    // Pad so that a three-byte UTF-8 character (and a two-byte GB18030 one) straddles byte 65,536.
    const pad = (bytesBefore: number) => 'x'.repeat(65536 - bytesBefore - 1);
    const header = '列\n';
    const utf8 = header + pad(Buffer.byteLength(header)) + '示例\n';
    expect(Buffer.from(utf8).subarray(0, 65536).at(-1)).toBe(0xe7); // the sample ends after the first byte of 示
    expect((await readAll(file('cut-utf8.csv', utf8))).reader.encoding).toBe('utf-8');
    const gb = iconv.encode(header, 'gb18030').length;
    const gbText = header + pad(gb) + '示例\n';
    expect((await readAll(file('cut-gb.csv', iconv.encode(gbText, 'gb18030')))).reader.encoding).toBe('gb18030');
  });

  it('refuses GBK bytes after a UTF-8 start, naming their line', async () => {
    const lines = ['编号,名称'];
    for (let i = 1; i <= 8000; i++) lines.push(`${i},name${i}`); // more than 64 KiB of UTF-8
    const head = Buffer.from(lines.join('\n') + '\n');
    expect(head.length).toBeGreaterThan(65536);
    const e = await readError(file('mixed.csv', Buffer.concat([head, iconv.encode('8001,示例\n8002,b\n', 'gbk')])));
    expect(e.details).toEqual({ reason: 'encoding', line: 8002 });
    expect(e.message).toMatch(/^第8002行含有不是 UTF-8 编码的字节/);
    // A bad byte just after the 64 KiB read boundary, on a line that began before it.
    const before = head.subarray(0, head.lastIndexOf(0x0a, 65_500) + 1);
    const line = before.toString().split('\n').length;
    const straddling = Buffer.concat([
      before,
      Buffer.from('x'.repeat(65_540 - before.length)),
      Buffer.from([0xc3, 0x28, 0x0a]),
      Buffer.from('1,2\n'),
    ]);
    expect((await readError(file('mixed-edge.csv', straddling))).details).toEqual({ reason: 'encoding', line });
  });

  it('refuses invalid GB18030 bytes later in a GB18030 file, naming their line', async () => {
    const good = iconv.encode('编号,名称\n' + Array.from({ length: 5000 }, (_, i) => `${i + 1},示例${i}`).join('\n') + '\n', 'gb18030');
    const e = await readError(file('bad-gb.csv', Buffer.concat([good, Buffer.from([0x31, 0x2c, 0xff, 0xff, 0x0a])])));
    expect(e.details).toEqual({ reason: 'encoding', line: 5002 });
  });

  it('refuses a file cut in the middle of its last character', async () => {
    // Longer than the sample, so detection sees only whole characters.
    const bytes = Buffer.from('a,b\n' + '1,示例\n'.repeat(10_000) + '2,示');
    const e = await readError(file('cut-end.csv', bytes.subarray(0, bytes.length - 1)));
    expect(e.details).toEqual({ reason: 'encoding', line: 10_002 });
  });

  it('refuses a file that is neither UTF-8 nor GB18030', async () => {
    const e = await readError(file('junk.csv', Buffer.from([0x61, 0x0a, 0xff, 0xfe, 0xfd, 0x80, 0x0a])));
    expect(e.details).toEqual({ reason: 'encoding', line: 2 });
    expect(e.message).toMatch(/^无法识别的文件编码/);
  });
});

describe('CSV records', () => {
  it('pads short rows, refuses long ones with their record, skips blank lines, keeps formulas as data', async () => {
    const { rows } = await readAll(file('short.csv', 'a,b,c\n1\n\n,,\n2,=HYPERLINK("x"),\n'));
    expect(rows).toEqual([
      ['1', null, null],
      ['2', '=HYPERLINK("x")', null],
    ]);
    const e = await readError(file('long.csv', 'a,b\n1,2\n3,4,5\n'));
    expect(e.details).toEqual({ reason: 'too_many_cells', line: 3, record: 2, column: 3 });
  });

  it('reads a header-only file as zero records and refuses an empty one', async () => {
    const { reader, rows } = await readAll(file('header-only.csv', '编号,名称\r\n'));
    expect(reader.header).toEqual(['编号', '名称']);
    expect(rows).toEqual([]);
    expect((await readError(file('empty.csv', ''))).details).toEqual({ reason: 'empty_file' });
    expect((await readError(file('blank.csv', '\r\n\r\n'))).details).toEqual({ reason: 'empty_file' });
  });

  it('refuses duplicate and empty titles', async () => {
    expect((await readError(file('dup.csv', '编号,名称,编号 \n1,2,3\n'))).details).toEqual({
      reason: 'duplicate_header',
      line: 1,
      column: 3,
    });
    expect((await readError(file('hole.csv', '编号,,名称\n1,2,3\n'))).details).toEqual({ reason: 'empty_header', line: 1, column: 2 });
  });

  it('fails fast on a 10,000-column header', async () => {
    const wide = Array.from({ length: 10_000 }, (_, i) => `列${i}`).join(',') + '\n';
    const path = file('wide.csv', wide + (Array.from({ length: 10_000 }, () => '1').join(',') + '\n').repeat(200));
    const e = await readError(path);
    expect(e.details).toEqual({ reason: 'too_many_columns', line: 1 });
    expect((await readAll(path, { maxColumns: 10_000 })).reader.header).toHaveLength(10_000);
  });

  it('names the line an unbalanced quote opened on', async () => {
    const e = await readError(file('quote.csv', 'a,b\n1,2\n3,"不闭合\n5,6\n'));
    expect(e.details).toEqual({ reason: 'unclosed_quote', line: 3, record: 2, column: 2 });
    expect(e.message).toMatch(/^第3行开始的引号.*\(the quote opened on line 3/);
  });

  it('refuses a field longer than 1 MiB', async () => {
    const e = await readError(file('field.csv', `a,b\n1,2\n3,${'长'.repeat(1024 * 1024 + 1)}\n`));
    expect(e.details).toEqual({ reason: 'field_too_long', line: 3, record: 2, column: 2 });
  });
});

describe('binary files given as CSV', () => {
  it('refuses NUL bytes, naming the line', async () => {
    expect((await readError(file('nul.csv', Buffer.from('a,b\n1,2\n3,\0\n')))).details).toEqual({ reason: 'binary', line: 3 });
    const late = Buffer.concat([Buffer.from('a\n' + '1\n'.repeat(40_000)), Buffer.from([0, 0, 0x0a])]);
    expect((await readError(file('nul-late.csv', late))).details).toEqual({ reason: 'binary', line: 40_002 });
  });

  it('names PDF and PNG files and legacy .xls', async () => {
    const pdf = await readError(file('report.csv', '%PDF-1.7\n%âãÏÓ\n'));
    expect(pdf.details).toEqual({ reason: 'binary' });
    expect(pdf.message).toMatch(/^文件是PDF 文件/);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect((await readError(file('photo.csv', png))).details).toEqual({ reason: 'binary' });
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect((await readError(file('old.csv', ole))).details).toEqual({ reason: 'unsupported_format' });
  });

  it('reads a zip named .csv as a workbook, and refuses it as text when told it is CSV', async () => {
    // An empty zip archive: the end-of-central-directory record alone.
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
    expect((await readError(file('archive.csv', zip))).details).toEqual({ reason: 'no_worksheet' });
    expect((await readError(file('archive2.csv', zip), { format: 'csv' })).details).toEqual({ reason: 'binary' });
  });
});
