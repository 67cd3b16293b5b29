import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { LEGAL_ENTITY_COLUMNS, POPULATION_COLUMNS, codeTitled, legalEntityRecords, populationRecords, writeRecords } from './index.js';

const today = '2026-11-27';
const dir = mkdtempSync(join(tmpdir(), 'gongshu-demo-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Plenty of messy records, so quoting of spaces, + and full-width digits is exercised.
const options = { count: 3000, seed: 51, today, rates: { messyButRepairable: 0.3 } };
const records = [...populationRecords(options)];
const codes = POPULATION_COLUMNS.map((c) => c.code);
const titles = POPULATION_COLUMNS.map((c) => c.title);

describe('writeRecords', () => {
  it('writes CSV that reads back to the same values, byte-identical for the same seed', async () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    const result = await writeRecords(a, populationRecords(options), { format: 'csv', columns: POPULATION_COLUMNS });
    await writeRecords(b, populationRecords(options), { format: 'csv', columns: POPULATION_COLUMNS });
    const bytes = readFileSync(a);
    expect(result).toEqual({ records: 3000, bytes: bytes.length });
    expect(bytes.equals(readFileSync(b))).toBe(true);
    expect(bytes.subarray(0, 3).toString('hex')).not.toBe('efbbbf');
    const rows = parse(bytes.toString('utf8')) as string[][];
    expect(rows[0]).toEqual(titles);
    expect(rows.slice(1)).toEqual(records.map((r) => codes.map((c) => r.values[c] ?? '')));
  });

  it('writes the truth file: one line per expected problem, records numbered from 1 after the header', async () => {
    const truthPath = join(dir, 'truth.csv');
    await writeRecords(join(dir, 't.csv'), records, { format: 'csv', columns: POPULATION_COLUMNS, truthPath });
    const lines = readFileSync(truthPath, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('record,rule');
    const expected = records.flatMap((r, i) => r.expected.map((rule) => `${i + 1},${rule}`));
    expect(lines.slice(1)).toEqual(expected);
    expect(expected.length).toBe(30 + 30 + 60 + 2 * 15);
  });

  it('writes GB18030 that decodes to exactly the UTF-8 text, and UTF-8 with a BOM when asked', async () => {
    const utf8 = join(dir, 'u.csv');
    const gb = join(dir, 'g.csv');
    const bom = join(dir, 'bom.csv');
    await writeRecords(utf8, records, { format: 'csv', columns: POPULATION_COLUMNS });
    const written = await writeRecords(gb, records, { format: 'csv', encoding: 'gb18030', columns: POPULATION_COLUMNS });
    await writeRecords(bom, records, { format: 'csv', encoding: 'utf-8-bom', columns: POPULATION_COLUMNS });
    const gbBytes = readFileSync(gb);
    expect(written.bytes).toBe(gbBytes.length);
    const text = readFileSync(utf8, 'utf8');
    expect(new TextDecoder('gb18030').decode(gbBytes)).toBe(text);
    expect(gbBytes.length).toBeLessThan(Buffer.byteLength(text)); // two bytes a Chinese character, not three
    const bomBytes = readFileSync(bom);
    expect(bomBytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
    expect(bomBytes.subarray(3).toString('utf8')).toBe(text);
  });

  it('writes JSON lines keyed by the column titles, nulls kept', async () => {
    const path = join(dir, 'p.jsonl');
    await writeRecords(path, records, { format: 'jsonl', columns: codeTitled(POPULATION_COLUMNS) });
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(3000);
    expect(lines.map((l) => JSON.parse(l))).toEqual(records.map((r) => Object.fromEntries(codes.map((c) => [c, r.values[c] ?? null]))));
  });

  it('writes XLSX that exceljs reads back as text cells, byte-identical for the same seed', async () => {
    const opts = { count: 400, seed: 52, today };
    const a = join(dir, 'a.xlsx');
    const b = join(dir, 'b.xlsx');
    const truthPath = join(dir, 'x-truth.csv');
    const result = await writeRecords(a, legalEntityRecords(opts), { format: 'xlsx', columns: LEGAL_ENTITY_COLUMNS, truthPath });
    expect(result.records).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 2100)); // zip times have a two-second grain
    await writeRecords(b, legalEntityRecords(opts), { format: 'xlsx', columns: LEGAL_ENTITY_COLUMNS });
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(a);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(401);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(LEGAL_ENTITY_COLUMNS.map((c) => c.title));
    const entities = [...legalEntityRecords(opts)];
    entities.forEach((r, i) => {
      const cells = (sheet.getRow(i + 2).values as unknown[]).slice(1);
      expect(cells).toEqual(LEGAL_ENTITY_COLUMNS.map((c) => r.values[c.code]));
    });
    const truth = readFileSync(truthPath, 'utf8').trimEnd().split('\r\n').slice(1);
    expect(truth).toEqual(entities.flatMap((r, i) => r.expected.map((rule) => `${i + 1},${rule}`)));
    await expect(
      writeRecords(join(dir, 'c.xlsx'), entities, { format: 'xlsx', encoding: 'gb18030', columns: LEGAL_ENTITY_COLUMNS }),
    ).rejects.toThrow(RangeError);
  });

  it('quotes what CSV needs quoted and leaves formula-like text alone', async () => {
    const path = join(dir, 'q.csv');
    const tricky = [
      { values: { a: 'x,y', b: 'say "hi"', c: ' padded ', d: '+86 138-0013-8000', e: null, f: 'line\nbreak' }, expected: [] },
    ];
    const columns = ['a', 'b', 'c', 'd', 'e', 'f'].map((code) => ({ code, title: code }));
    await writeRecords(path, tricky, { format: 'csv', columns });
    const text = readFileSync(path, 'utf8');
    expect(text.split('\r\n')[1]).toBe('"x,y","say ""hi"""," padded ",+86 138-0013-8000,,"line\nbreak"');
    expect(parse(text)).toEqual([
      ['a', 'b', 'c', 'd', 'e', 'f'],
      ['x,y', 'say "hi"', ' padded ', '+86 138-0013-8000', '', 'line\nbreak'],
    ]);
  });
});
