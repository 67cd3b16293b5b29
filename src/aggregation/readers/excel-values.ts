// Worksheet cell values to text, as the person who typed them would read them back.
import type ExcelJS from 'exceljs';
import { FileReadError } from './file-read-error.js';
import { plainNumber } from './plain-number.js';

/** Where a cell sits, for messages: its worksheet row, its record (absent for the header) and column. */
export interface CellPlace {
  row: number;
  record?: number;
  column: number;
  title?: string;
}

const DAY_MS = 86_400_000;
/** 1899-12-30, day 0 of Excel's 1900 date system (which counts the non-existent 1900-02-29). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

export function excelCellText(value: ExcelJS.CellValue, numFmt: string | undefined, date1904: boolean, place: CellPlace): string | null {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return value === '' ? null : value;
    case 'number':
      return numberText(value, place);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return String(value);
  }
  if (value instanceof Date) return dateText(value, date1904);
  if ('richText' in value) return value.richText.map((r) => r.text ?? '').join('') || null;
  if ('hyperlink' in value) return excelCellText(value.text as ExcelJS.CellValue, numFmt, date1904, place);
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    // A streamed formula's result is whatever <v> held; an error result (#N/A…) arrives as NaN.
    if (result === undefined || result === null || (typeof result === 'number' && Number.isNaN(result))) {
      const formula = ('formula' in value ? value.formula : undefined) || ('sharedFormula' in value ? value.sharedFormula : '');
      return '=' + formula;
    }
    if (typeof result === 'number' && isDateFormat(numFmt)) return serialText(result, date1904);
    return excelCellText(result, numFmt, date1904, place);
  }
  throw new FileReadError(
    `第${place.row}行第${place.column}列的单元格内容无法识别 (the cell in row ${place.row}, column ${place.column} has an unknown kind of value)`,
    {
      reason: 'bad_value',
      line: place.row,
      record: place.record,
      column: place.column,
    },
  );
}

/**
 * Excel keeps 15 significant digits: an ID number typed as a number has already lost its last digits, and
 * no reader can restore them. Below that, rounding to 15 digits removes binary noise (0.1+0.2) exactly as
 * Excel's own display does.
 */
function numberText(n: number, place: CellPlace): string {
  if (Math.abs(n) >= 1e15) {
    const where = place.record === undefined ? `第${place.row}行` : `第${place.row}行（第${place.record}条记录）`;
    const whereEn = place.record === undefined ? `row ${place.row}` : `row ${place.row} (record ${place.record})`;
    const col = place.title ? `“${place.title}”列` : `第${place.column}列`;
    const colEn = place.title ? `column "${place.title}"` : `column ${place.column}`;
    throw new FileReadError(
      `${where}${col}的数字 ${plainNumber(n)} 超过 15 位：Excel 只保留 15 位有效数字，末尾数字已经丢失；身份证号等长数字请把该列设置为“文本”格式后重新录入 ` +
        `(${whereEn}, ${colEn}: the number has more than 15 digits and Excel has already lost its last digits; format the column as Text and enter the values again)`,
      { reason: 'number_precision', line: place.row, record: place.record, column: place.column },
    );
  }
  return plainNumber(Number(n.toPrecision(15)));
}

/** exceljs turns date-formatted numbers into Dates as if Excel had no 1900 leap-year bug; this undoes that. */
function dateText(d: Date, date1904: boolean): string {
  const serial = (d.getTime() - (date1904 ? EPOCH_1904 : EPOCH_1900)) / DAY_MS;
  return serialText(serial, date1904);
}

/** An Excel date serial as 'YYYY-MM-DD', 'YYYY-MM-DDTHH:mm:ss', or 'HH:mm:ss' for a time without a date. */
export function serialText(serial: number, date1904: boolean): string {
  let ms = Math.round((serial * DAY_MS) / 1000) * 1000; // Excel times are fractions of a day: round to the second
  if (!date1904 && serial < 61 && serial >= 1) {
    // Serials 1–59 are 1900-01-01…02-28 and 60 is Excel's fictitious 1900-02-29.
    if (Math.floor(serial) === 60) return '1900-02-29' + timePart(ms % DAY_MS, true);
    ms += DAY_MS;
  }
  const dayMs = ((ms % DAY_MS) + DAY_MS) % DAY_MS;
  if (serial >= 0 && serial < 1) return timePart(dayMs, false);
  const d = new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + ms);
  const date = `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return date + timePart(dayMs, true);
}

function timePart(dayMs: number, withDate: boolean): string {
  if (withDate && dayMs === 0) return '';
  const s = Math.floor(dayMs / 1000);
  const hms = `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
  return withDate ? 'T' + hms : hms;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Whether a number format shows a date or time (literal text in quotes or brackets aside), as Excel decides. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
  return /[ymdhsYMDHS]/.test(bare.replace(/General/gi, ''));
}
