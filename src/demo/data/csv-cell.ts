// CSV cells for data files (RFC 4180). Unlike platform/csv's export cells, no formula neutralisation:
// these files feed the ingest pipeline, and a `'` before `+86 138…` would change the data under test.
// Cells with surrounding spaces are quoted so that no reader's trimming can hide them.
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function dataCsvCell(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
