// JSON Lines: one object per line, the first object's keys are the header.
import { FileReadError } from './file-read-error.js';
import { headerFromObject, type KeyColumns } from './json-values.js';
import { MAX_RECORD_CHARS } from './limits.js';
import type { RecordRow } from './types.js';

export class JsonlParser {
  private columns: KeyColumns | null = null;
  private partial = ''; // the current line's text carried over from earlier chunks
  private line = 0; // lines completed
  private records = 0;

  constructor(private readonly maxColumns: number) {}

  get header(): string[] | null {
    return this.columns?.header ?? null;
  }

  push(s: string, out: RecordRow[]): void {
    let start = 0;
    for (let nl = s.indexOf('\n'); nl !== -1; nl = s.indexOf('\n', start)) {
      let text = s.slice(start, nl);
      if (this.partial !== '') {
        text = this.partial + text;
        this.partial = '';
      }
      start = nl + 1;
      this.line++;
      this.take(text, out);
    }
    if (start < s.length) {
      this.partial += s.slice(start);
      if (this.partial.length > MAX_RECORD_CHARS) {
        const line = this.line + 1;
        throw new FileReadError(
          `第${line}行超过 16 MiB，不是一行一个对象的 JSON Lines (line ${line} is longer than 16 MiB; not one object per line)`,
          {
            reason: 'record_too_long',
            line,
          },
        );
      }
    }
  }

  end(out: RecordRow[]): void {
    if (this.partial === '') return;
    const text = this.partial;
    this.partial = '';
    this.line++;
    this.take(text, out);
  }

  private take(text: string, out: RecordRow[]): void {
    if (isBlank(text)) return;
    const line = this.line;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new FileReadError(`第${line}行不是有效的 JSON：${why} (line ${line} is not valid JSON: ${why})`, {
        reason: 'invalid_json',
        line,
      });
    }
    if (this.columns === null) {
      this.columns = headerFromObject(value, { line, record: 1 }, this.maxColumns);
    }
    out.push(this.columns.row(value, { line, record: ++this.records }));
  }
}

/** Blank or whitespace-only (a CR of a CRLF line end included); JSON.parse would call it a syntax error. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) return false;
  }
  return true;
}
