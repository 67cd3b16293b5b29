import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileReadError, openRecordReader, rowsFromObjects, type RecordRow } from './index.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'readers-jsonl-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

async function readAll(path: string) {
  const reader = await openRecordReader(path);
  const rows: RecordRow[] = [];
  try {
    for await (const chunk of reader.chunks()) rows.push(...chunk);
  } finally {
    await reader.close();
  }
  return { reader, rows };
}

async function readError(path: string): Promise<FileReadError> {
  try {
    await readAll(path);
  } catch (e) {
    if (e instanceof FileReadError) return e;
    throw e;
  }
  throw new Error('expected a FileReadError');
}

function thrown(f: () => unknown): FileReadError {
  try {
    f();
  } catch (e) {
    if (e instanceof FileReadError) return e;
    throw e;
  }
  throw new Error('expected a FileReadError');
}

describe('JSON Lines', () => {
  it('takes the first record’s keys as the header and turns scalars into text', async () => {
    const text = [
      '{"身份证号":"11010519491231002X","金额":12.50,"已核验":true,"备注":null," 单位 ":"示例市"}',
      '',
      '{"身份证号":"440524188001010014","金额":1e-7,"已核验":false,"备注":"","单位":"=HYPERLINK(\\"x\\")"}\r',
      '{"金额":-3}',
    ].join('\n');
    const { reader, rows } = await readAll(file('a.jsonl', text));
    expect(reader).toMatchObject({ format: 'jsonl', encoding: 'utf-8', header: ['身份证号', '金额', '已核验', '备注', '单位'] });
    expect(rows).toEqual([
      ['11010519491231002X', '12.5', 'true', null, '示例市'],
      ['440524188001010014', '0.0000001', 'false', null, '=HYPERLINK("x")'],
      [null, '-3', null, null, null],
    ]);
  });

  it('reads BOM and GB18030 files', async () => {
    expect((await readAll(file('bom.jsonl', '\ufeff{"名称":"示例"}\n'))).reader.encoding).toBe('utf-8-bom');
    const gb = await readAll(file('gb.jsonl', iconv.encode('{"名称":"示例𠀀"}\n', 'gb18030')));
    expect(gb.reader.encoding).toBe('gb18030');
    expect(gb.rows).toEqual([['示例𠀀']]);
  });

  it('refuses nested values, unknown keys, non-objects and broken JSON, naming the line', async () => {
    const nested = await readError(file('nested.jsonl', '{"a":1}\n\n{"a":{"b":2}}\n'));
    expect(nested.details).toEqual({ reason: 'nested_value', line: 3, record: 2, column: 1 });
    expect((await readError(file('array.jsonl', '{"a":1}\n{"a":[1]}\n'))).details).toMatchObject({ reason: 'nested_value', line: 2 });
    const unknown = await readError(file('unknown.jsonl', '{"a":1}\n{"a":2,"b":3}\n'));
    expect(unknown.details).toEqual({ reason: 'unknown_key', line: 2, record: 2 });
    expect(unknown.message).toContain('“b”');
    expect((await readError(file('scalar.jsonl', '{"a":1}\n[1]\n'))).details).toEqual({ reason: 'not_object', line: 2, record: 2 });
    expect((await readError(file('broken.jsonl', '{"a":1}\n{"a":2\n'))).details).toEqual({ reason: 'invalid_json', line: 2 });
  });

  it('refuses an integer JSON.parse could not keep exact', async () => {
    const e = await readError(file('long.jsonl', '{"身份证号":"1"}\n{"身份证号":440524188001010014}\n'));
    expect(e.details).toEqual({ reason: 'number_precision', line: 2, record: 2, column: 1 });
  });

  it('refuses empty files, empty keys and duplicate keys after trimming', async () => {
    expect((await readError(file('blank.jsonl', '\n \n'))).details).toEqual({ reason: 'empty_file' });
    expect((await readError(file('emptykey.jsonl', '{"a":1,"":2}\n'))).details).toEqual({ reason: 'empty_header', line: 1, column: 2 });
    expect((await readError(file('dupkey.jsonl', '{"a":1," a":2}\n'))).details).toEqual({ reason: 'duplicate_header', line: 1, column: 2 });
  });
});

describe('rowsFromObjects', () => {
  it('applies the JSONL value rules to API pages and lines later pages up with the first page’s header', () => {
    const first = rowsFromObjects([
      { 编号: 'A1', 数量: 3, 有效: true },
      { 编号: 'A2', 备注: undefined },
    ] as unknown[]);
    expect(first).toEqual({
      header: ['编号', '数量', '有效'],
      rows: [
        ['A1', '3', 'true'],
        ['A2', null, null],
      ],
    });
    expect(rowsFromObjects([{ 有效: false, 编号: 'A3' }], first.header)).toEqual({ header: first.header, rows: [['A3', null, 'false']] });
    expect(rowsFromObjects([], first.header)).toEqual({ header: first.header, rows: [] });
  });

  it('names the record of a bad object', () => {
    expect(thrown(() => rowsFromObjects([{ a: 1 }, { a: 1, b: 2 }])).details).toEqual({ reason: 'unknown_key', record: 2 });
    expect(thrown(() => rowsFromObjects([{ a: 1 }, { a: { x: 1 } }])).details).toEqual({ reason: 'nested_value', record: 2, column: 1 });
    expect(thrown(() => rowsFromObjects([{ a: 1 }, 'text'])).details).toEqual({ reason: 'not_object', record: 2 });
    expect(thrown(() => rowsFromObjects([{ a: Number.NaN }])).details).toEqual({ reason: 'bad_value', record: 1, column: 1 });
    expect(thrown(() => rowsFromObjects([{ a: 2 ** 60 }])).details).toEqual({ reason: 'number_precision', record: 1, column: 1 });
  });
});
