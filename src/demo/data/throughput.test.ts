import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { POPULATION_COLUMNS, populationRecords, writeRecords } from './index.js';

const today = '2026-11-27';
const dir = mkdtempSync(join(tmpdir(), 'gongshu-demo-speed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Reports speed for the benchmark's planning; timings are not asserted (a shared machine varies too
// much). The CPU-time rate is printed too, since other work on the machine stretches the wall time.
async function measure(label: string, count: number, work: () => unknown): Promise<void> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const bytes = await work();
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const perRecord = typeof bytes === 'number' ? `, ${(bytes / count).toFixed(1)} bytes/record` : '';
  const rate = (seconds: number) => Math.round(count / seconds).toLocaleString('en');
  console.info(`${label}: ${rate(wall)} records/s (${rate((used.user + used.system) / 1e6)} per CPU second)${perRecord}`);
}

describe('generation speed', () => {
  const count = 200_000;

  it('generates 200,000 records with every clean ID number unique', async () => {
    const ids = new Set<string>();
    let clean = 0;
    await measure('generate', count, () => {
      for (const r of populationRecords({ count, today })) {
        if (r.expected.length === 0 && r.values.id_number === r.values.id_number!.trim().toUpperCase()) {
          clean++;
          ids.add(r.values.id_number!);
        }
      }
    });
    expect(ids.size).toBe(clean);
    expect(clean).toBeGreaterThan(count * 0.9);
  });

  it('writes 200,000 records as UTF-8 CSV with the truth file', async () => {
    let records = 0;
    await measure('CSV UTF-8', count, async () => {
      const result = await writeRecords(join(dir, 'p.csv'), populationRecords({ count, today }), {
        format: 'csv',
        columns: POPULATION_COLUMNS,
        truthPath: join(dir, 't.csv'),
      });
      records = result.records;
      return result.bytes;
    });
    expect(records).toBe(count);
  });

  it('writes 50,000 records as GB18030 CSV', async () => {
    let records = 0;
    await measure('CSV GB18030', 50_000, async () => {
      const result = await writeRecords(join(dir, 'g.csv'), populationRecords({ count: 50_000, today }), {
        format: 'csv',
        encoding: 'gb18030',
        columns: POPULATION_COLUMNS,
      });
      records = result.records;
      return result.bytes;
    });
    expect(records).toBe(50_000);
  });
});
