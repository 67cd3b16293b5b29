// Runs one measurement in a fresh Node process (compiled, or through tsx like the benchmark itself) so that its peak
// RSS is its own: `process.resourceUsage().maxRSS` is a high-water mark that never comes down, so two
// runs in one process would hide each other. The child gets its input as JSON on the command line and
// writes its output as JSON to a file; its stdout and stderr pass through.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchTmpRoot } from './scratch.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What every child reports about itself besides its own output. */
export interface ChildProcessFacts {
  /** Peak resident set size of the child, in KiB (Linux `ru_maxrss`). */
  maxRssKiB: number;
  /** CPU seconds (user + system, all threads) of the whole child, start-up included. */
  processCpuSeconds: number;
}

export interface ChildRunOptions {
  /** Writes a V8 CPU profile of the child into this directory (`node --cpu-prof`). */
  cpuProfDir?: string;
  /** Runs the compiled script under this directory (bench/lib/build-children.ts) with plain node instead of tsx. */
  buildDir?: string;
  /** Further flags for node, e.g. --expose-gc. */
  nodeFlags?: string[];
}

/** Runs `script` (a .ts path relative to the repository root) in a new process and returns what it wrote. */
export async function runChild<T>(script: string, input: unknown, opts: ChildRunOptions = {}): Promise<T & ChildProcessFacts> {
  const dir = mkdtempSync(join(benchTmpRoot(), 'gongshu-bench-child-'));
  const out = join(dir, 'out.json');
  const args: string[] = [...(opts.nodeFlags ?? [])];
  if (opts.cpuProfDir) {
    mkdirSync(opts.cpuProfDir, { recursive: true });
    args.push('--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`);
  }
  if (opts.buildDir) args.push(join(opts.buildDir, script.replace(/\.ts$/, '.js')));
  else args.push('--import', 'tsx', join(REPO_ROOT, script));
  args.push(JSON.stringify(input), out);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('error', reject);
      child.on('exit', (c, signal) => resolve(signal ? null : c));
    });
    if (code !== 0) throw new Error(`${script} exited with ${code === null ? 'a signal' : `code ${code}`}`);
    return JSON.parse(readFileSync(out, 'utf8')) as T & ChildProcessFacts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The body of a child script: reads the input, runs `work`, writes its output with the process facts. */
export function childMain<I, O extends object>(work: (input: I) => Promise<O>): void {
  const [inputJson, outPath] = process.argv.slice(2);
  if (!inputJson || !outPath) {
    console.error('usage: node [--import tsx] CHILD INPUT_JSON OUTPUT_FILE (started by bench/lib/child-run.ts)');
    process.exitCode = 2;
    return;
  }
  void (async () => {
    try {
      const output = await work(JSON.parse(inputJson) as I);
      const cpu = process.cpuUsage();
      const facts: ChildProcessFacts = { maxRssKiB: process.resourceUsage().maxRSS, processCpuSeconds: (cpu.user + cpu.system) / 1e6 };
      writeFileSync(outPath, JSON.stringify({ ...output, ...facts }));
    } catch (err) {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exitCode = 1;
    }
    // a pool or a timer left open must not hold the run up; the output is written
    setTimeout(() => process.exit(), 5000).unref();
  })();
}
