// XLSX through exceljs's streaming WorkbookReader: rows arrive as the zip is inflated, never the whole sheet.
// exceljs loses some zip failures: a corrupt deflate stream is emitted as an 'error' on its unzip stream while
// exceljs awaits something else, and the read hangs. The unzip stream is what exceljs pipes our input into, so
// the input is a PassThrough that notes its pipe destination and listens there; a failure there rejects
// whatever wait on exceljs is in progress.
import type { FileHandle } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { excelCellText } from './excel-values.js';
import { FileReadError, XlsxLibraryError } from './file-read-error.js';
import { normalizeHeader, tooManyColumnsError } from './header.js';
import { READ_CHUNK_BYTES } from './limits.js';
import { releaseFile } from './release-file.js';
import type { RecordSource } from './record-source.js';
import { isZip } from './signatures.js';
import type { RecordRow } from './types.js';

/** Rows handed on together: exceljs yields one row at a time. */
const BATCH_ROWS = 256;

class PipeWatch extends PassThrough {
  constructor(private readonly onPipe: (dest: NodeJS.WritableStream) => void) {
    super();
  }

  override pipe<T extends NodeJS.WritableStream>(dest: T, options?: { end?: boolean }): T {
    this.onPipe(dest);
    return super.pipe(dest, options);
  }
}

/** The parts of exceljs's streaming reader that its type declarations leave out. */
interface StreamedWorkbook {
  model?: { sheets?: { id: number; name: string }[] };
  properties?: { model?: { date1904?: boolean } };
}

export async function openXlsxSource(file: FileHandle, head: Buffer, maxColumns: number): Promise<RecordSource> {
  if (!isZip(head)) {
    throw new FileReadError(
      '文件不是有效的 .xlsx 工作簿（不是 ZIP 格式），请用 Excel 另存为 .xlsx 或 CSV (the file is not a valid .xlsx workbook: it is not a zip archive)',
      {
        reason: 'broken_xlsx',
      },
    );
  }
  const stream = file.createReadStream({ start: 0, highWaterMark: READ_CHUNK_BYTES });
  let bytes = 0;
  stream.on('data', (b) => (bytes += b.length));

  // The first zip or file error, and the reject of the wait in progress. Not Promise.race against a pending
  // promise: each race leaves a reaction on it that keeps that call's row alive (measured: +3 KB per row).
  let failure: { error: unknown } | null = null;
  let rejectWait: ((e: unknown) => void) | null = null;
  const fail = (error: unknown) => {
    failure ??= { error };
    rejectWait?.(failure.error);
  };
  const input = new PipeWatch((dest) => (dest as unknown as PassThrough).on('error', fail));
  stream.on('error', fail);
  stream.pipe(input);

  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // number formats tell dates from numbers
    hyperlinks: 'ignore', // a hyperlink cell's value is its text
    entries: 'ignore',
  });
  const streamed = workbook as unknown as StreamedWorkbook;
  const sheets = workbook[Symbol.asyncIterator]();
  let rows: AsyncIterator<ExcelJS.Row> | null = null;

  const close = async () => {
    // Not awaited: a generator stuck inside exceljs would never settle.
    void sheets.return?.(undefined).catch(() => {});
    if (rows) void rows.return?.(undefined).catch(() => {});
    input.destroy();
    await releaseFile(stream);
  };

  const next = async <T>(it: AsyncIterator<T>): Promise<IteratorResult<T>> => {
    try {
      return await new Promise<IteratorResult<T>>((resolve, reject) => {
        if (failure) return reject(failure.error);
        rejectWait = reject;
        it.next().then(
          (r) => {
            rejectWait = null;
            resolve(r);
          },
          (e) => {
            rejectWait = null;
            reject(e);
          },
        );
      });
    } catch (e) {
      if (e instanceof FileReadError) throw e;
      const why = e instanceof Error ? e.message : String(e);
      const message = `Excel 文件已损坏或不完整（可能上传中断），请重新导出后上传 (the .xlsx file is broken or incomplete, perhaps a cut-off upload: ${why})`;
      if (e instanceof TypeError) throw new XlsxLibraryError(message);
      throw new FileReadError(message, { reason: 'broken_xlsx' });
    }
  };

  try {
    let worksheet: AsyncIterable<ExcelJS.Row> | null = null;
    for (;;) {
      const n = await next(sheets);
      if (n.done) break;
      // exceljs emits sheets in zip order; the first sheet is the workbook's first tab.
      const firstId = streamed.model?.sheets?.[0]?.id;
      const id = (n.value as unknown as { id: number | string }).id;
      if (firstId === undefined || Number(id) === Number(firstId)) {
        worksheet = n.value as unknown as AsyncIterable<ExcelJS.Row>;
        break;
      }
    }
    if (!worksheet) {
      throw new FileReadError(
        '文件是 ZIP 压缩包但不是 Excel 工作簿，或工作簿中没有工作表 (the zip archive is not an Excel workbook, or the workbook has no worksheet)',
        { reason: 'no_worksheet' },
      );
    }
    rows = worksheet[Symbol.asyncIterator]();
    const date1904 = streamed.properties?.model?.date1904 === true;

    // The header: the first row with any value.
    let header: string[] | null = null;
    let headerRow = 0;
    while (header === null) {
      const n = await next(rows);
      if (n.done) break;
      const row = n.value;
      const titles: (string | null)[] = [];
      let any = false;
      row.eachCell((cell, col) => {
        if (col > maxColumns) throw tooManyColumnsError(maxColumns, row.number);
        const t = excelCellText(cell.value, cell.numFmt, date1904, { row: row.number, column: col });
        if (t !== null && t.trim() !== '') any = true;
        titles[col - 1] = t;
      });
      if (!any) continue;
      header = normalizeHeader(
        Array.from(titles, (t) => t ?? null),
        maxColumns,
        row.number,
      );
      headerRow = row.number;
    }
    if (header === null) {
      throw new FileReadError(
        '第一个工作表没有内容，第一行须为列标题 (the first worksheet is empty; its first row must hold the column titles)',
        {
          reason: 'empty_file',
        },
      );
    }
    const titles = header;
    const width = titles.length;
    const rowIterator = rows;

    async function* batches(): AsyncGenerator<RecordRow[]> {
      let records = 0;
      let batch: RecordRow[] = [];
      try {
        for (;;) {
          const n = await next(rowIterator);
          if (n.done) break;
          const row = n.value;
          const record = records + 1;
          const out: RecordRow = new Array(width).fill(null);
          let any = false;
          row.eachCell((cell, col) => {
            const text = excelCellText(cell.value, cell.numFmt, date1904, { row: row.number, record, column: col, title: titles[col - 1] });
            if (text === null) return;
            if (col > width) {
              throw new FileReadError(
                `第${row.number}行（第${record}条记录）第${col}列有内容，但表头（第${headerRow}行）只有 ${width} 列 (row ${row.number}, record ${record}, has a value in column ${col} but the header on row ${headerRow} has only ${width} columns)`,
                { reason: 'too_many_cells', line: row.number, record, column: col },
              );
            }
            out[col - 1] = text;
            any = true;
          });
          if (!any) continue; // a formatted but empty row
          records++;
          batch.push(out);
          if (batch.length === BATCH_ROWS) {
            yield batch;
            batch = [];
          }
        }
      } catch (e) {
        // Every record before a fault is delivered first.
        if (batch.length > 0) yield batch;
        throw e;
      }
      if (batch.length > 0) yield batch;
    }

    return { encoding: null, header, batches: batches(), bytesRead: () => bytes, close };
  } catch (e) {
    await close();
    throw e;
  }
}
