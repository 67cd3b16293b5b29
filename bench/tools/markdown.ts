// Renders a results file (bench/out/<name>.json) as the Markdown tables BENCHMARKS.md shows:
//   npx tsx bench/tools/markdown.ts bench/out/audit.json
import { readFileSync } from 'node:fs';
import { formatRate, type Report, type Result } from '../lib/report.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: tsx bench/tools/markdown.ts bench/out/NAME.json');
  process.exit(2);
}
const report = JSON.parse(readFileSync(file, 'utf8')) as Report;

function rows(results: readonly Result[], withTarget: boolean): string {
  const head = withTarget
    ? '| engine | measurement | count | wall s | rate | target | met | per CPU-second |\n|---|---|--:|--:|--:|--:|:-:|--:|'
    : '| engine | measurement | count | wall s | rate | per CPU-second | notes |\n|---|---|--:|--:|--:|--:|---|';
  const body = results.map((r) => {
    const rate = `${formatRate(r.rate)} ${r.unit}`;
    const perCpu = r.cpuSeconds > 0 ? formatRate(r.count / r.cpuSeconds) : '–';
    if (withTarget) {
      const target = r.target === undefined ? '' : `≥ ${formatRate(r.target)}`;
      const met = r.met === undefined ? '' : r.met ? '**met**' : '**not met**';
      return `| ${r.engine} | ${r.label} | ${r.count.toLocaleString('en-US')} | ${r.seconds.toFixed(2)} | ${rate} | ${target} | ${met} | ${perCpu} |`;
    }
    const notes: string[] = [];
    const extra = r.extra ?? {};
    if (typeof extra.bytesWrittenPerEntry === 'number') notes.push(`${extra.bytesWrittenPerEntry.toLocaleString('en-US')} B written/entry`);
    if (typeof extra.msPerSignature === 'number') notes.push(`${extra.msPerSignature.toFixed(2)} ms/signature`);
    if (typeof extra.msPerCommit === 'number') notes.push(`${extra.msPerCommit.toFixed(2)} ms/commit`);
    return `| ${r.engine} | ${r.label} | ${r.count.toLocaleString('en-US')} | ${r.seconds.toFixed(2)} | ${rate} | ${perCpu} | ${notes.join('; ')} |`;
  });
  return [head, ...body].join('\n');
}

const m = report.machine;
console.log(
  `Run ${report.startedAt} → ${report.finishedAt}${report.quick ? ' (quick)' : ''}; load average at start ${m.loadAverage.join(' / ')}; fdatasync ${m.disk.fdatasyncMedianMs} ms median, ${m.disk.fdatasyncP99Ms} ms p99.\n`,
);
console.log(rows(report.results, true));
console.log('\nBreakdown:\n');
console.log(rows(report.breakdown, false));
if (report.notes.length > 0) console.log(`\n${report.notes.map((n) => `- ${n}`).join('\n')}`);
