// Inclusive time in a V8 .cpuprofile: for each function, the share of samples with it anywhere on the
// stack (each sample counted once per function even under recursion), and, with --callers NAME, who
// called the functions named NAME and how much time each caller's calls took. The complement of
// cpuprofile-top.ts (self time) when the question is "how much does this call cost, all in":
//   npx tsx bench/tools/cpuprofile-inclusive.ts bench/out/prof/CPU.*.cpuprofile [--top 30] [--callers executeQuery]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const top = Number(option('--top') ?? 30);
const callersOf = option('--callers');
const files = args.filter((a, i) => !a.startsWith('--') && !['--top', '--callers'].includes(args[i - 1] ?? ''));
if (files.length === 0) {
  console.error('usage: tsx bench/tools/cpuprofile-inclusive.ts FILE.cpuprofile… [--top N] [--callers FUNCTION]');
  process.exit(2);
}

const label = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'}  ${n.callFrame.url ? `${basename(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : ''}`;

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  const callers = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const seen = new Set<string>();
    let callerCounted = false;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at)!;
      const key = label(node);
      if (!seen.has(key)) {
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
      }
      // the innermost frame named NAME on this stack: charge its caller
      if (callersOf && !callerCounted && node.callFrame.functionName === callersOf) {
        const up = parent.get(at);
        const caller = up === undefined ? '(root)' : label(byId.get(up)!);
        callers.set(caller, (callers.get(caller) ?? 0) + dt);
        callerCounted = true;
      }
    }
  });
  console.log(`\n${file}: ${(total / 1e6).toFixed(2)} s sampled, inclusive time`);
  for (const [key, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`);
  }
  if (callersOf) {
    console.log(`\ncallers of ${callersOf}`);
    for (const [key, us] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`);
    }
  }
}
