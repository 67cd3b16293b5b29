// The value rules JSON Lines files and API-pushed JSON pages share: scalars become text, nothing is guessed.
import { FileReadError } from './file-read-error.js';
import { normalizeHeader } from './header.js';
import { DEFAULT_MAX_COLUMNS, MAX_FIELD_CHARS } from './limits.js';
import { plainNumber } from './plain-number.js';
import type { RecordRow } from './types.js';

/** Where a value sits, for messages: the line of a JSONL file, or only the record of an API page. */
export interface JsonPlace {
  line?: number;
  record: number;
}

const placeZh = (p: JsonPlace) => (p.line === undefined ? `第${p.record}条记录` : `第${p.line}行（第${p.record}条记录）`);
const placeEn = (p: JsonPlace) => (p.line === undefined ? `record ${p.record}` : `line ${p.line} (record ${p.record})`);

export function jsonValueToText(v: unknown, key: string, column: number, place: JsonPlace): string | null {
  switch (typeof v) {
    case 'string':
      if (v.length > MAX_FIELD_CHARS) {
        throw new FileReadError(
          `${placeZh(place)}“${key}”的值超过 1 MiB (the value of "${key}" at ${placeEn(place)} is longer than 1 MiB)`,
          {
            reason: 'field_too_long',
            ...place,
            column,
          },
        );
      }
      return v === '' ? null : v;
    case 'number':
      if (Number.isInteger(v) && !Number.isSafeInteger(v)) {
        // JSON.parse has already rounded it: 18-digit ID numbers sent as numbers arrive with wrong last digits.
        throw new FileReadError(
          `${placeZh(place)}“${key}”的数字 ${plainNumber(v)} 超过 15 位，已无法精确表示；身份证号、代码等长数字须以字符串传送 (the number in "${key}" at ${placeEn(place)} is too long to be exact; send ID numbers and codes as JSON strings)`,
          { reason: 'number_precision', ...place, column },
        );
      }
      if (!Number.isFinite(v)) throw badValue(key, column, place, String(v));
      return plainNumber(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'undefined':
      return null;
    case 'object':
      if (v === null) return null;
      throw new FileReadError(
        `${placeZh(place)}“${key}”的值是${Array.isArray(v) ? '数组' : '对象'}，每个值须为字符串、数字、布尔值或 null (the value of "${key}" at ${placeEn(place)} is ${Array.isArray(v) ? 'an array' : 'an object'}; values must be strings, numbers, booleans or null)`,
        { reason: 'nested_value', ...place, column },
      );
    default:
      throw badValue(key, column, place, typeof v);
  }
}

function badValue(key: string, column: number, place: JsonPlace, what: string): FileReadError {
  return new FileReadError(
    `${placeZh(place)}“${key}”的值 ${what} 不是有效的数据值 (the value of "${key}" at ${placeEn(place)} is not a valid value: ${what})`,
    {
      reason: 'bad_value',
      ...place,
      column,
    },
  );
}

/** Maps keys to columns: the header's own titles and, for a JSONL header, the raw (untrimmed) keys it came from. */
export class KeyColumns {
  private readonly index = new Map<string, number>();

  constructor(
    readonly header: string[],
    rawKeys: readonly string[] = header,
  ) {
    header.forEach((t, i) => this.index.set(t, i));
    rawKeys.forEach((k, i) => this.index.set(k, i));
  }

  /** One object as a row aligned with the header; a key outside it is an error, a missing key is null. */
  row(value: unknown, place: JsonPlace): RecordRow {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      const what = value === null ? 'null' : Array.isArray(value) ? '数组 (an array)' : `${typeof value}`;
      throw new FileReadError(`${placeZh(place)}不是 JSON 对象：${what} (${placeEn(place)} is not a JSON object)`, {
        reason: 'not_object',
        ...place,
      });
    }
    const row: RecordRow = new Array(this.header.length).fill(null);
    const obj = value as Record<string, unknown>;
    for (const key in obj) {
      const v = obj[key];
      // An undefined value is an absent key, as JSON.stringify would send it.
      if (v === undefined || !Object.hasOwn(obj, key)) continue;
      const i = this.index.get(key);
      if (i === undefined) {
        throw new FileReadError(
          `${placeZh(place)}有表头中没有的键“${key}”（表头取自第一条记录） (${placeEn(place)} has the key "${key}", which is not in the header taken from the first record)`,
          { reason: 'unknown_key', ...place },
        );
      }
      row[i] = jsonValueToText(v, key, i + 1, place);
    }
    return row;
  }
}

/** The keys of the first object, validated like any header. */
export function headerFromObject(value: unknown, place: JsonPlace, maxColumns: number): KeyColumns {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new FileReadError(`${placeZh(place)}不是 JSON 对象 (${placeEn(place)} is not a JSON object)`, { reason: 'not_object', ...place });
  }
  const raw = Object.keys(value);
  return new KeyColumns(normalizeHeader(raw, maxColumns, place.line, true), raw);
}

/**
 * API-pushed JSON pages: the same value rules as JSONL. Without `header`, the first object's keys are the
 * header; pass the first page's header to later pages so that their columns line up.
 */
export function rowsFromObjects(objects: unknown[], header?: string[]): { header: string[]; rows: RecordRow[] } {
  if (objects.length === 0) return { header: header ?? [], rows: [] };
  const columns = header ? new KeyColumns(header) : headerFromObject(objects[0], { record: 1 }, DEFAULT_MAX_COLUMNS);
  const rows = objects.map((o, i) => columns.row(o, { record: i + 1 }));
  return { header: columns.header, rows };
}
