// The benchmark's input: the demo generator's population register (8 columns, defects at known rates)
// written as a department's UTF-8 CSV export, with the ground truth of the problems each record must
// raise beside it.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { POPULATION_COLUMNS, populationRecords, writeRecords } from '../../src/demo/data/index.js';
import { Stopwatch, type Timing } from './measure.js';

export const POPULATION_SEED = 350500;
/** The demo resource the file feeds. */
export const POPULATION_RESOURCE = '人口基本信息';

export interface PopulationFile extends Timing {
  path: string;
  truthPath: string;
  records: number;
  bytes: number;
}

export async function writePopulationCsv(dir: string, records: number, today: string): Promise<PopulationFile> {
  const path = join(dir, `population-${records}.csv`);
  const truthPath = join(dir, `population-${records}.truth.csv`);
  const watch = new Stopwatch();
  const written = await writeRecords(path, populationRecords({ count: records, seed: POPULATION_SEED, today }), {
    format: 'csv',
    encoding: 'utf-8',
    columns: POPULATION_COLUMNS,
    truthPath,
  });
  return { path, truthPath, records: written.records, bytes: written.bytes, ...watch.elapsed() };
}

/** Records per rule id in a truth file (`record,rule` lines), counting a record once per rule. */
export async function truthByRule(truthPath: string): Promise<Record<string, number>> {
  const seen = new Set<string>();
  const counts: Record<string, number> = {};
  const lines = createInterface({ input: createReadStream(truthPath, 'utf8'), crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    if (first || line.length === 0) {
      first = false;
      continue;
    }
    if (seen.has(line)) continue;
    seen.add(line);
    const rule = line.slice(line.indexOf(',') + 1);
    counts[rule] = (counts[rule] ?? 0) + 1;
  }
  return counts;
}

/** The rules on which two tallies differ, as `rule: a vs b`; empty when they agree. */
export function tallyDifferences(a: Record<string, number>, b: Record<string, number>): string[] {
  const rules = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return rules.filter((r) => (a[r] ?? 0) !== (b[r] ?? 0)).map((r) => `${r}: ${a[r] ?? 0} vs ${b[r] ?? 0}`);
}
