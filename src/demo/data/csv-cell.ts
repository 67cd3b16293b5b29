// CSV cells for data files (RFC 4180). Unlike platform/csv's export cells, no formula neutralisation:
// these files feed the ingest pipeline, and a `'` before `+86 138…` would change the data under test.
// Cells with surrounding white space are quoted so that no reader's trimming can hide it.
const SPECIAL = /[",\r\n]/;

/** White space as JavaScript's \s and trim() know it (and every control character). */
function isSpace(c: number): boolean {
  return (
    c <= 0x20 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

// Checked by character codes and one plain character class: this runs for every cell of a
// five-million-record file, and an alternation with anchors cost more than the rest of the row.
export function dataCsvCell(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (!isSpace(value.charCodeAt(0)) && !isSpace(value.charCodeAt(value.length - 1)) && !SPECIAL.test(value)) return value;
  return `"${value.replace(/"/g, '""')}"`;
}
