import { populationRecords, POPULATION_COLUMNS, writeRecords } from './index.js';
import { dataCsvCell } from './csv-cell.js';
const today = '2026-11-27';
const n = 1_000_000;
const codes = POPULATION_COLUMNS.map((c) => c.code);
async function time(label: string, f: () => void | Promise<unknown>) {
  const t = performance.now();
  await f();
  const ms = performance.now() - t;
  console.log(label, ((n / ms) * 1000) | 0, 'rec/s');
}
const mode = process.argv[2];
if (mode === 'gen')
  await time('gen', () => {
    for (const r of populationRecords({ count: n, seed: 1, today })) {
    }
  });
if (mode === 'row')
  await time('gen+row', () => {
    let parts: string[] = [];
    for (const r of populationRecords({ count: n, seed: 1, today })) {
      let l = dataCsvCell(r.values[codes[0]!]);
      for (let i = 1; i < 8; i++) l += ',' + dataCsvCell(r.values[codes[i]!]);
      parts.push(l + '\r\n');
      if (parts.length > 5000) parts = [];
    }
  });
if (mode === 'enc')
  await time('gen+row+enc', () => {
    let parts: string[] = [];
    let len = 0;
    for (const r of populationRecords({ count: n, seed: 1, today })) {
      let l = dataCsvCell(r.values[codes[0]!]);
      for (let i = 1; i < 8; i++) l += ',' + dataCsvCell(r.values[codes[i]!]);
      parts.push(l + '\r\n');
      len += l.length;
      if (len > 1 << 20) {
        Buffer.from(parts.join(''), 'utf8');
        parts = [];
        len = 0;
      }
    }
  });
if (mode === 'write')
  await time('write', () =>
    writeRecords('/tmp/x.csv', populationRecords({ count: n, seed: 1, today }), { format: 'csv', columns: POPULATION_COLUMNS }),
  );
if (mode === 'writetruth')
  await time('write+truth', () =>
    writeRecords('/tmp/x.csv', populationRecords({ count: n, seed: 1, today }), {
      format: 'csv',
      columns: POPULATION_COLUMNS,
      truthPath: '/tmp/t.csv',
    }),
  );
