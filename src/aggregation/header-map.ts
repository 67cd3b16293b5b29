// Matching a file's column titles to the resource's data elements: by Chinese name or by code, with the
// decorations people add in Excel (a trailing *, （必填）) ignored. Unknown columns are reported, missing
// optional ones allowed, missing required ones fail the batch before any record is applied.
import type { Element } from '../catalog/index.js';
import { badRequest } from '../platform/errors.js';

export interface HeaderMap {
  /** For element i, the file column that holds it, or -1. */
  columnOf: Int32Array;
  unknown: string[];
}

const normalise = (title: string) =>
  title
    .replace(/[\s\u3000]+/g, '')
    .replace(/[*＊]+$/, '')
    .replace(/[（(](必填|选填|可选)[)）]$/, '')
    .toLowerCase();

export function mapHeader(header: readonly string[], elements: readonly Element[], mode: 'upsert' | 'snapshot' | 'delete'): HeaderMap {
  const byTitle = new Map<string, number>();
  elements.forEach((e, i) => {
    byTitle.set(normalise(e.name), i);
    byTitle.set(normalise(e.code), i);
  });
  const columnOf = new Int32Array(elements.length).fill(-1);
  const unknown: string[] = [];
  header.forEach((title, col) => {
    const i = byTitle.get(normalise(title));
    if (i === undefined) {
      unknown.push(title);
      return;
    }
    if (columnOf[i] !== -1)
      throw badRequest(
        'duplicate_column',
        `第 ${columnOf[i]! + 1} 列和第 ${col + 1} 列都对应信息项「${elements[i]!.name}」 (two columns map to one element)`,
        {
          element: elements[i]!.code,
          columns: [columnOf[i]! + 1, col + 1],
        },
      );
    columnOf[i] = col;
  });
  // deletions need only the key; other modes need every required element
  const needed = elements.filter((e, i) => columnOf[i] === -1 && (mode === 'delete' ? e.key : e.required || e.key));
  if (needed.length > 0)
    throw badRequest(
      'missing_columns',
      `文件缺少必填信息项：${needed.map((e) => `${e.name}（${e.code}）`).join('、')}，本批次未导入任何记录 (required columns are missing; nothing was applied)`,
      { missing: needed.map((e) => e.code), unknown },
    );
  return { columnOf, unknown };
}
