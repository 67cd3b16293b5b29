// The sample records of "试运行 Try on a sample", typed into a small table by element code. Empty cells
// are left out (the server reads a missing element as an empty value) and fully empty rows are dropped,
// so the producer can keep spare rows in the table.
export type SampleRow = { key: number } & Record<string, string | number>;

export const MAX_SAMPLE_ROWS = 200; // the server's limit

export function sampleRecords(rows: SampleRow[], codes: readonly string[]): Record<string, string>[] {
  return rows
    .map((row) => {
      const record: Record<string, string> = {};
      for (const code of codes) {
        const value = row[code];
        if (typeof value === 'string' && value !== '') record[code] = value;
      }
      return record;
    })
    .filter((r) => Object.keys(r).length > 0);
}

export function emptyRow(key: number): SampleRow {
  return { key } as SampleRow;
}
