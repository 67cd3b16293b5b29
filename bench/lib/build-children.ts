// Compiles the benchmark's child scripts and the sources they import to JavaScript under
// bench/out/build, so that the end-to-end runs execute as production does (`node` on compiled code)
// and their peak RSS does not include tsx: its loader thread and transpiled sources cost about 50 MiB
// (measured: the aggregation, app and demo modules take 170 MiB of RSS under tsx, 117 MiB as plain
// JavaScript). dist/ is left alone: it belongs to `npm run build`.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Stopwatch } from './measure.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BUILD_DIR = join(REPO_ROOT, 'bench', 'out', 'build');

export interface ChildBuild {
  dir: string;
  seconds: number;
  /** The compiler's complaints, if any: files other people are editing may not type-check; what was emitted is used. */
  diagnostics: string | null;
}

export async function buildChildren(): Promise<ChildBuild> {
  const watch = new Stopwatch();
  mkdirSync(BUILD_DIR, { recursive: true });
  // src/app/version.ts reads the package.json two levels above itself
  copyFileSync(join(REPO_ROOT, 'package.json'), join(BUILD_DIR, 'package.json'));
  const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  let output = '';
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '-p', join(REPO_ROOT, 'bench', 'lib', 'tsconfig.children.json'), '--pretty', 'false'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', resolve);
  });
  for (const script of ['import-child', 'duckdb-child', 'retention-child'])
    if (!existsSync(join(BUILD_DIR, 'bench', 'lib', `${script}.js`)))
      throw new Error(`compiling the benchmark's child scripts failed (exit ${code}):\n${output}`);
  return { dir: BUILD_DIR, seconds: watch.seconds(), diagnostics: code === 0 ? null : output.trim() };
}
