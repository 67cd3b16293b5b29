import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileReadError, openRecordReader, type RecordRow } from './index.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'readers-life-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** Descriptors of this process open on `path` (Linux). */
function openDescriptors(path: string): number {
  expect(existsSync('/proc/self/fd')).toBe(true);
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === path) n++;
    } catch {
      // the descriptor readdir itself used, already closed
    }
  }
  return n;
}

/** Records whose first cell is their number; quoted line breaks and blank lines make lines and records differ. */
function numbered(count: number, bad?: number): string {
  let text = '序号,名称,备注\r\n';
  for (let i = 1; i <= count; i++) {
    const extra = i === bad ? ',多余' : '';
    text += i % 7 === 0 ? `${i},"名称\r\n${i}",\r\n\r\n` : `${i},名称${i},备注${extra}\r\n`;
  }
  return text;
}

describe('chunks', () => {
  it('numbers records across chunk boundaries: chunk i starts after the previous chunk’s last record', async () => {
    const reader = await openRecordReader(file('numbered.csv', numbered(5003)), { chunkSize: 1000 });
    const sizes: number[] = [];
    let next = 1;
    for await (const chunk of reader.chunks()) {
      sizes.push(chunk.length);
      for (const row of chunk) expect(row[0]).toBe(String(next++));
    }
    expect(sizes).toEqual([1000, 1000, 1000, 1000, 1000, 3]);
    expect(() => reader.chunks()).toThrow(/only once/);
  });

  it('an error names the record as the chunks count it', async () => {
    const reader = await openRecordReader(file('bad.csv', numbered(5000, 2501)), { chunkSize: 1000 });
    let received = 0;
    let error: unknown;
    try {
      for await (const chunk of reader.chunks()) received += chunk.length;
    } catch (e) {
      error = e;
    }
    expect(received).toBe(2500); // every record before the faulty one, the last 500 in a short chunk
    expect(error).toBeInstanceOf(FileReadError);
    expect((error as FileReadError).details).toMatchObject({ reason: 'too_many_cells', record: 2501, column: 4 });
  });

  it('reports bytes read as it goes, up to the file size', async () => {
    const reader = await openRecordReader(file('progress.csv', numbered(40_000)), { chunkSize: 5000 });
    const seen: number[] = [];
    for await (const chunk of reader.chunks()) {
      void chunk;
      seen.push(reader.bytesRead());
    }
    expect(reader.totalBytes).toBeGreaterThan(1_000_000);
    expect(seen[0]).toBeLessThan(reader.totalBytes);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(reader.bytesRead()).toBe(reader.totalBytes);
  });
});

describe('close', () => {
  it('releases the file when iteration stops early', async () => {
    const path = file('early.csv', numbered(40_000));
    const reader = await openRecordReader(path, { chunkSize: 100 });
    expect(openDescriptors(path)).toBe(1);
    for await (const chunk of reader.chunks()) {
      expect(chunk).toHaveLength(100);
      break;
    }
    await reader.close();
    expect(openDescriptors(path)).toBe(0);
    expect(reader.bytesRead()).toBeLessThan(reader.totalBytes);
  });

  it('releases the file mid-way without a break, and the iteration then ends', async () => {
    const path = file('midway.csv', numbered(40_000));
    const reader = await openRecordReader(path, { chunkSize: 100 });
    const it = reader.chunks()[Symbol.asyncIterator]();
    expect((await it.next()).value as RecordRow[]).toHaveLength(100);
    await reader.close();
    expect(openDescriptors(path)).toBe(0);
    expect((await it.next()).done).toBe(true);
  });

  it('releases the file of a reader never iterated, of an XLSX reader, and of a file refused at open', async () => {
    const path = file('idle.csv', numbered(10));
    await (await openRecordReader(path)).close();
    expect(openDescriptors(path)).toBe(0);

    const refused = file('refused.csv', '编号,编号\n1,2\n');
    await expect(openRecordReader(refused)).rejects.toBeInstanceOf(FileReadError);
    expect(openDescriptors(refused)).toBe(0);

    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['序号']);
    for (let i = 1; i <= 3000; i++) ws.addRow([i]);
    const xlsx = join(dir, 'early.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const reader = await openRecordReader(xlsx, { chunkSize: 10 });
    for await (const chunk of reader.chunks()) {
      expect(chunk[0]).toEqual(['1']);
      break;
    }
    await reader.close();
    expect(openDescriptors(xlsx)).toBe(0);
  });
});
