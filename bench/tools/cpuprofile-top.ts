// Prints the functions with the most self time in a V8 .cpuprofile (from `node --cpu-prof`), grouped
// by function and file, so that "where does the time go" is one command:
//   node --cpu-prof --cpu-prof-dir=bench/out/prof --import tsx bench/run.ts audit
//   npx tsx bench/tools/cpuprofile-top.ts bench/out/prof/CPU.*.cpuprofile [--top 25]
// Native code (better-sqlite3's C++, OpenSSL) has no JS frame: its time counts to the JS caller.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
const files = args.filter((a, i) => !a.startsWith('--') && (topAt < 0 || i !== topAt + 1));
if (files.length === 0) {
  console.error('usage: tsx bench/tools/cpuprofile-top.ts FILE.cpuprofile… [--top N]');
  process.exit(2);
}

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id)?.callFrame;
    const key = frame
      ? `${frame.functionName || '(anonymous)'}  ${frame.url ? `${basename(frame.url)}:${frame.lineNumber + 1}` : ''}`
      : '?';
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  console.log(`\n${file}: ${(total / 1e6).toFixed(2)} s sampled`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`);
  }
}
