// Column titles are what the pipeline maps to data elements, so they must be unique and non-empty.
// Trailing empty titles are dropped: Excel writes them for formatted but unused columns; a value under such a
// column is still an error (a cell beyond the header), reported on the record that has one.
import { FileReadError } from './file-read-error.js';

export function tooManyColumnsError(maxColumns: number, line: number | undefined): FileReadError {
  return new FileReadError(
    `表头超过 ${maxColumns} 列，请检查文件是否为数据表格、分隔符是否为逗号 (the header has more than ${maxColumns} columns; is this a table with comma separators?)`,
    { reason: 'too_many_columns', line },
  );
}

/**
 * `line` is the header's line (CSV, JSONL) or worksheet row (XLSX), for messages. `keepTrailingEmpty` is for
 * JSON keys, where an empty key is never a formatting artefact.
 */
export function normalizeHeader(raw: readonly (string | null)[], maxColumns: number, line?: number, keepTrailingEmpty = false): string[] {
  const titles = raw.map((t) => (t ?? '').trim());
  if (!keepTrailingEmpty) while (titles.length > 0 && titles[titles.length - 1] === '') titles.pop();
  const at = line === undefined ? '' : `第${line}行`;
  const atEn = line === undefined ? '' : ` on line ${line}`;
  if (titles.length === 0) {
    throw new FileReadError(`表头${at}为空，第一行须为列标题 (the header${atEn} is empty; the first row must hold the column titles)`, {
      reason: 'empty_header',
      line,
    });
  }
  if (titles.length > maxColumns) throw tooManyColumnsError(maxColumns, line);
  const seen = new Map<string, number>();
  for (let i = 0; i < titles.length; i++) {
    const title = titles[i];
    const column = i + 1;
    if (title === '') {
      throw new FileReadError(`表头${at}第${column}列的标题为空 (the title of column ${column}${atEn} is empty)`, {
        reason: 'empty_header',
        line,
        column,
      });
    }
    const first = seen.get(title);
    if (first !== undefined) {
      throw new FileReadError(
        `表头${at}第${first}列和第${column}列的标题重复：“${title}” (columns ${first} and ${column}${atEn} have the same title "${title}")`,
        { reason: 'duplicate_header', line, column },
      );
    }
    seen.set(title, column);
  }
  return titles;
}
