// Runs the benchmarks: `npm run bench` runs all of them, `npm run bench -- audit` one (or several) by
// name, `--quick` shrinks the sizes for a smoke run, `--list` lists them. Each benchmark is a sibling
// file exporting `benchmark`; add it to BENCHMARKS below. Results print as a table and are written to
// bench/out/<name>.json.
import type { Benchmark } from './lib/report.js';
import { table, writeReport } from './lib/report.js';

const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  audit: async () => (await import('./audit.js')).benchmark,
  search: async () => (await import('./search.js')).benchmark,
  ingest: async () => (await import('./ingest.js')).benchmark,
};

function usage(): string {
  return `usage: npm run bench -- [--quick] [--list] [${Object.keys(BENCHMARKS).join(' | ')} …]`;
}

async function main(argv: string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith('-')));
  const names = argv.filter((a) => !a.startsWith('-'));
  for (const flag of flags) {
    if (!['--quick', '--list', '--help', '-h'].includes(flag)) {
      console.error(`unknown option ${flag}\n${usage()}`);
      return 2;
    }
  }
  if (flags.has('--help') || flags.has('-h')) {
    console.log(usage());
    return 0;
  }
  if (flags.has('--list')) {
    for (const [name, load] of Object.entries(BENCHMARKS)) console.log(`${name.padEnd(10)} ${(await load()).description}`);
    return 0;
  }
  const unknown = names.filter((n) => !(n in BENCHMARKS));
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(', ')}\n${usage()}`);
    return 2;
  }
  const selected = names.length > 0 ? names : Object.keys(BENCHMARKS);
  let missed = 0;
  for (const name of selected) {
    const bench = await BENCHMARKS[name]!();
    console.log(`\n== ${bench.name}: ${bench.description}`);
    const report = await bench.run({ quick: flags.has('--quick') });
    console.log(`\n${table(report.results)}`);
    if (report.breakdown.length > 0) console.log(`\nbreakdown\n${table(report.breakdown)}`);
    for (const note of report.notes) console.log(`note: ${note}`);
    console.log(`\nwritten ${writeReport(report)}`);
    missed += report.results.filter((r) => r.met === false).length;
  }
  if (missed > 0) console.log(`\n${missed} target(s) not met`);
  return 0; // a missed target is a finding, not a failure of the run
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
}
