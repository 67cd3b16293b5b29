import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from './csv-tokenizer.js';
import { FileReadError } from './file-read-error.js';
import type { RecordRow } from './types.js';

/** Tokenizes `text` cut into the given piece lengths (cycled), as chunks of a stream would arrive. */
function tokenize(text: string, pieces: number[] = [text.length || 1], maxColumns = 1000): { header: string[] | null; rows: RecordRow[] } {
  const t = new CsvTokenizer(maxColumns);
  const rows: RecordRow[] = [];
  let i = 0;
  for (let k = 0; i < text.length; k++) {
    const len = Math.max(1, pieces[k % pieces.length]);
    t.push(text.slice(i, i + len), rows);
    i += len;
  }
  t.end(rows);
  return { header: t.header, rows };
}

function failure(f: () => unknown): FileReadError {
  try {
    f();
  } catch (e) {
    if (e instanceof FileReadError) return e;
    throw e;
  }
  throw new Error('expected a FileReadError');
}

describe('CsvTokenizer', () => {
  it('reads RFC 4180 quoting: commas, doubled quotes and line breaks inside quotes', () => {
    const text = '姓名,备注\r\n张三,"含逗号,和""引号"""\r\n李四,"第一行\r\n第二行"\r\n';
    expect(tokenize(text)).toEqual({
      header: ['姓名', '备注'],
      rows: [
        ['张三', '含逗号,和"引号"'],
        ['李四', '第一行\r\n第二行'],
      ],
    });
  });

  it('gives the same records however the text is cut into chunks, including between CR and LF and inside ""', () => {
    const text = 'a,b,c\r\n1,"x""y",\r\n"2\n",,z\r\r\n\n3,4,5';
    const whole = tokenize(text);
    expect(whole.rows).toEqual([
      ['1', 'x"y', null],
      ['2\n', null, 'z'],
      ['3', '4', '5'],
    ]);
    for (const pieces of [[1], [2], [3, 1], [5, 2, 7], [13]]) expect(tokenize(text, pieces)).toEqual(whole);
  });

  it('counts a CR LF cut between two chunks as one line end', () => {
    for (const pieces of [[4], [1], [9]]) {
      expect(failure(() => tokenize('a,b\r\n1,2\r\n3,4,5\r\n', pieces)).details).toEqual({
        reason: 'too_many_cells',
        line: 3,
        record: 2,
        column: 3,
      });
    }
  });

  it('pads short rows with null, skips blank lines and rows of empty cells, and trims only header titles', () => {
    const { header, rows } = tokenize(' 编号 , 名称 ,地址\n\n1, 示例 \n,,\n2,b,c\n');
    expect(header).toEqual(['编号', '名称', '地址']);
    expect(rows).toEqual([
      ['1', ' 示例 ', null],
      ['2', 'b', 'c'],
    ]);
  });

  it('accepts LF, CRLF and old-Mac CR line ends and a last line without a newline', () => {
    expect(tokenize('a,b\r1,2\r3,4').rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(tokenize('a,b\n1,').rows).toEqual([['1', null]]);
  });

  it('passes formula-looking values and quotes inside unquoted fields through unchanged', () => {
    expect(tokenize('a,b\n=HYPERLINK("http://x"),5"寸\n').rows).toEqual([['=HYPERLINK("http://x")', '5"寸']]);
  });

  it('ignores empty cells beyond the header but refuses a value there, naming the record and line', () => {
    expect(tokenize('a,b,\n1,2,\n').rows).toEqual([['1', '2']]);
    const e = failure(() => tokenize('a,b\n1,2\n"x\ny",4\n5,6,7\n'));
    expect(e.details).toEqual({ reason: 'too_many_cells', line: 5, record: 3, column: 3 });
    expect(e.message).toMatch(/^第3条记录（第5行）第3列有内容，但表头只有 2 列 \(record 3/);
  });

  it('names the line where an unclosed quote opened', () => {
    const e = failure(() => tokenize('a,b\n1,2\n3,"open\n4,5\n6,7\n', [4]));
    expect(e.details).toEqual({ reason: 'unclosed_quote', line: 3, record: 2, column: 2 });
    expect(e.message).toContain('第3行开始的引号');
  });

  it('refuses text after a closing quote and points back to where the quote opened', () => {
    const e = failure(() => tokenize('a,b\n1,"x\n2,"y",z\n'));
    expect(e.details).toMatchObject({ reason: 'bad_quote', line: 3, record: 1 });
    expect(e.message).toContain('该字段的引号从第2行开始');
  });

  it('refuses a field over 1 MiB as soon as it passes the limit, even one cut across many chunks', () => {
    const big = 'x'.repeat(1024 * 1024 + 1);
    expect(failure(() => tokenize(`a,b\n1,${big}\n`, [65536])).details).toEqual({
      reason: 'field_too_long',
      line: 2,
      record: 1,
      column: 2,
    });
    const quoted = failure(() => tokenize(`a\n"${big}`, [65536]));
    expect(quoted.details).toMatchObject({ reason: 'field_too_long', line: 2, column: 1 });
    expect(tokenize(`a\n"${'x'.repeat(1024 * 1024)}"\n`, [65536]).rows[0][0]).toHaveLength(1024 * 1024);
  });

  it('refuses a header wider than maxColumns without collecting all of it', () => {
    const e = failure(() => tokenize(Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',') + '\n1\n', [65536], 1000));
    expect(e.details).toEqual({ reason: 'too_many_columns', line: 1 });
  });

  it('refuses empty and duplicate titles in the header, after skipping blank rows before it', () => {
    expect(failure(() => tokenize('\n,,\na,,c\n')).details).toEqual({ reason: 'empty_header', line: 3, column: 2 });
    expect(failure(() => tokenize('a, b ,b\n')).details).toEqual({ reason: 'duplicate_header', line: 1, column: 3 });
    expect(tokenize('a,b\n')).toEqual({ header: ['a', 'b'], rows: [] });
    expect(tokenize('\n\n')).toEqual({ header: null, rows: [] });
  });

  it('refuses a tab-separated file instead of reading it as one column', () => {
    expect(failure(() => tokenize('编号\t名称\n1\t示例\n')).details).toEqual({ reason: 'unsupported_format', line: 1 });
    expect(tokenize('编号,名称\n1\t2,示例\n').rows).toEqual([['1\t2', '示例']]); // tabs in data are data
  });

  it('agrees with csv-parse on random RFC 4180 files cut into random chunks', () => {
    let seed = 7;
    const rnd = (m: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % m;
    };
    const atoms = ['', 'a', '示例', ' ', ',', '"', '""', '\n', '\r\n', 'x y', '=1+2', '3.5'];
    for (let round = 0; round < 200; round++) {
      const cols = 1 + rnd(5);
      const eol = rnd(2) ? '\r\n' : '\n';
      const header = Array.from({ length: cols }, (_, i) => `h${i}`);
      const table = Array.from({ length: rnd(8) }, () =>
        Array.from({ length: cols }, () => Array.from({ length: rnd(4) }, () => atoms[rnd(atoms.length)]).join('')),
      );
      const cell = (v: string) => (/[",\r\n]/.test(v) || (v === '' && cols === 1) || rnd(4) === 0 ? `"${v.replace(/"/g, '""')}"` : v);
      const text = [header.join(','), ...table.map((r) => r.map(cell).join(','))].join(eol) + (rnd(2) ? eol : '');
      const expected = (parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][])
        .slice(1)
        .map((r) => r.map((v) => (v === '' ? null : v)))
        .filter((r) => r.some((v) => v !== null));
      const pieces = Array.from({ length: 4 }, () => 1 + rnd(9));
      expect(tokenize(text, pieces), text).toEqual({ header, rows: expected });
    }
  });
});
