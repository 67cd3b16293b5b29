// Writing CSV for people who open it in Excel: RFC 4180 quoting, a BOM so Excel reads UTF-8, and
// formula neutralisation — a cell starting with = + - @ or a control character is prefixed with a
// quote so that no export ever carries a live formula (CWE-1236).
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}

export const UTF8_BOM = '\uFEFF';
