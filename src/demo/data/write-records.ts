// Writes generated records as a department would upload them (CSV in UTF-8, UTF-8 with BOM or
// GB18030; XLSX; JSON lines) and, beside them, the ground truth: which record must raise which rule.
import { open, stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { dataCsvCell } from './csv-cell.js';
import type { Column, GeneratedRecord } from './record.js';
import { textSink, type TextSink } from './text-sink.js';
import { zeroZipTimestamps } from './zip-timestamps.js';

export type RecordFormat = 'csv' | 'xlsx' | 'jsonl';
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

export interface WriteRecordsOptions {
  format: RecordFormat;
  encoding?: TextEncoding; // text formats only; 'utf-8' by default
  columns: readonly Column[]; // which elements, in which order, under which header titles
  truthPath?: string; // CSV `record,rule`: one line per expected problem, records numbered from 1 after the header
}

// The zip epoch, so that the workbook's own properties do not carry the time of writing either.
const XLSX_DATE = new Date(Date.UTC(1980, 0, 1));

function csvRow(cells: readonly (string | null | undefined)[]): string {
  let line = dataCsvCell(cells[0]);
  for (let i = 1; i < cells.length; i++) line += ',' + dataCsvCell(cells[i]);
  return line + '\r\n';
}

async function openTruth(path: string | undefined): Promise<TextSink | null> {
  if (!path) return null;
  const truth = textSink(await open(path, 'w'), 'utf-8');
  truth.add('record,rule\r\n');
  return truth;
}

/** Adds record n's expected rules to the truth file; true when it wants a flush. */
function addTruth(truth: TextSink | null, n: number, record: GeneratedRecord): boolean {
  if (!truth || record.expected.length === 0) return false;
  let lines = '';
  for (const rule of record.expected) lines += `${n},${rule}\r\n`;
  return truth.add(lines);
}

async function writeText(
  path: string,
  records: Iterable<GeneratedRecord>,
  opts: WriteRecordsOptions,
): Promise<{ records: number; bytes: number }> {
  const encoding = opts.encoding ?? 'utf-8';
  const codes = opts.columns.map((c) => c.code);
  const titles = opts.columns.map((c) => c.title);
  const out = textSink(await open(path, 'w'), encoding === 'gb18030' ? 'gb18030' : 'utf-8');
  let truth: TextSink | null = null;
  try {
    truth = await openTruth(opts.truthPath);
    if (encoding === 'utf-8-bom') out.add('\uFEFF');
    if (opts.format === 'csv') out.add(csvRow(titles));
    let n = 0;
    const cells: (string | null | undefined)[] = new Array(codes.length);
    for (const record of records) {
      n++;
      let line: string;
      if (opts.format === 'csv') {
        for (let i = 0; i < codes.length; i++) cells[i] = record.values[codes[i]!];
        line = csvRow(cells);
      } else {
        const row: Record<string, string | null> = {};
        for (let i = 0; i < codes.length; i++) row[titles[i]!] = record.values[codes[i]!] ?? null;
        line = JSON.stringify(row) + '\n';
      }
      if (out.add(line)) await out.flush();
      if (addTruth(truth, n, record)) await truth!.flush();
    }
    await out.close();
    await truth?.close();
    return { records: n, bytes: out.bytes };
  } catch (err) {
    await Promise.allSettled([out.close(), truth?.close()]);
    throw err;
  }
}

async function writeXlsx(
  path: string,
  records: Iterable<GeneratedRecord>,
  opts: WriteRecordsOptions,
): Promise<{ records: number; bytes: number }> {
  if (opts.encoding && opts.encoding !== 'utf-8') {
    throw new RangeError(`XLSX 文件固定为 UTF-8 编码，不能指定 ${opts.encoding} (XLSX is always UTF-8)`);
  }
  const codes = opts.columns.map((c) => c.code);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: false });
  workbook.created = XLSX_DATE;
  workbook.modified = XLSX_DATE;
  workbook.creator = 'Gongshu demo';
  const sheet = workbook.addWorksheet('数据');
  sheet.addRow(opts.columns.map((c) => c.title)).commit();
  const truth = await openTruth(opts.truthPath);
  let n = 0;
  try {
    for (const record of records) {
      n++;
      // every value is written as text: an ID number or a leading-zero code must not turn into a number
      sheet.addRow(codes.map((code) => record.values[code] ?? null)).commit();
      if (addTruth(truth, n, record)) await truth!.flush();
      // let the zip stream drain now and then; exceljs offers no back-pressure of its own
      if (n % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    sheet.commit();
    await workbook.commit();
    await truth?.close();
  } catch (err) {
    await truth?.close();
    throw err;
  }
  await zeroZipTimestamps(path);
  return { records: n, bytes: (await stat(path)).size };
}

/** Writes the records to `path` and, if asked, their expected problems to `truthPath`. */
export async function writeRecords(
  path: string,
  records: Iterable<GeneratedRecord>,
  opts: WriteRecordsOptions,
): Promise<{ records: number; bytes: number }> {
  if (opts.columns.length === 0) throw new RangeError('至少需要一列 (at least one column is needed)');
  return opts.format === 'xlsx' ? writeXlsx(path, records, opts) : writeText(path, records, opts);
}
