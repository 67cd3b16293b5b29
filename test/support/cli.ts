// Runs the gongshu CLI in a child process, as a user would run the command: the compiled build when it
// is newer than every source file (as in CI, right after `npm ci` built it), the sources through tsx
// otherwise, so that a test never runs stale code.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { scratchDatabase, type EngineName, type ScratchDb } from './engines.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE = join(ROOT, 'src/cli/main.ts');
const BUILT = join(ROOT, 'dist/cli/main.js');

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.ts')) newest = Math.max(newest, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}

const useBuild = existsSync(BUILT) && statSync(BUILT).mtimeMs > newestSourceTime(join(ROOT, 'src'));
const COMMAND = useBuild ? [BUILT] : ['--import', 'tsx', SOURCE];

/** node's arguments that start the CLI (for tests that spawn and signal it themselves). */
export const CLI_ARGS: readonly string[] = COMMAND;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...COMMAND, ...args],
      { env: { ...process.env, ...env }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A scratch database migrated and loaded with the demo city through the CLI, as an operator sets one up. */
export async function seededScratch(engine: EngineName): Promise<{ scratch: ScratchDb; args: string[] }> {
  const scratch = await scratchDatabase(engine);
  const args = ['--db', scratch.url, '--data-dir', scratch.dataDir];
  expect((await runCli(['migrate', ...args])).code).toBe(0);
  expect((await runCli(['seed', '--demo', ...args])).code).toBe(0);
  return { scratch, args };
}
