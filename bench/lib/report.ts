// The shape every benchmark returns, a plain-text table for the terminal, and the JSON file under
// bench/out/ that other tools (and BENCHMARKS.md updates) read.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MachineInfo } from './machine.js';

export interface Result {
  /** Stable id, e.g. `sqlite.append.tx100`. */
  id: string;
  engine: 'sqlite' | 'postgres' | 'none';
  label: string;
  /** Units done (entries appended, entries verified, …). */
  count: number;
  seconds: number;
  /** CPU time of this process during the measurement (user + system); the database server's is not included. */
  cpuSeconds: number;
  rate: number;
  unit: string;
  target?: number;
  met?: boolean;
  /** Anything else worth keeping: transactions, runs, per-phase numbers. */
  extra?: Record<string, unknown>;
}

export interface Report {
  benchmark: string;
  startedAt: string;
  finishedAt: string;
  quick: boolean;
  machine: MachineInfo;
  settings: Record<string, unknown>;
  results: Result[];
  /** Measurements that explain the headline results (phases, components), not targets themselves. */
  breakdown: Result[];
  notes: string[];
}

export interface BenchOptions {
  /** Smaller sizes: a smoke run that checks the benchmark works, not a measurement. */
  quick: boolean;
}

export interface Benchmark {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<Report>;
}

export const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'out');

export function writeReport(report: Report): string {
  const file = join(OUT_DIR, `${report.benchmark}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

export function makeResult(base: Omit<Result, 'rate'> & { rate?: number }): Result {
  const rate = base.rate ?? (base.seconds > 0 ? base.count / base.seconds : 0);
  const result: Result = { ...base, rate };
  if (base.target !== undefined) result.met = rate >= base.target;
  return result;
}

export function formatRate(n: number): string {
  if (!Number.isFinite(n)) return '–';
  if (n >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toPrecision(3);
}

export function table(rows: readonly Result[]): string {
  const header = ['engine', 'measurement', 'count', 'wall s', 'cpu s', 'rate', 'unit', 'target', 'met', 'per cpu-s'];
  const body = rows.map((r) => [
    r.engine,
    r.label,
    r.count.toLocaleString('en-US'),
    r.seconds.toFixed(2),
    r.cpuSeconds.toFixed(2),
    formatRate(r.rate),
    r.unit,
    r.target === undefined ? '' : `≥ ${formatRate(r.target)}`,
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
    r.cpuSeconds > 0 ? formatRate(r.count / r.cpuSeconds) : '–',
  ]);
  const numeric = new Set([2, 3, 4, 5, 7, 9]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
