// Starts a worker thread on a module that sits beside its caller. From dist/ the worker is the compiled
// .js file. From source (tsx, Vitest) it is the .ts file, which a worker thread of Node 20 cannot load
// by itself (an `--import tsx` in the worker's execArgv does not reach it): a one-line bootstrap has
// tsx's documented tsImport() load it. tsx is a development dependency, needed only from source.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * @param callerUrl the caller's `import.meta.url`: tells compiled from source, and where the worker is
 * @param name the worker module's path relative to the caller, without extension (`./verify-worker`)
 */
export function startModuleWorker(callerUrl: string, name: string, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`${name}.js`, callerUrl), options);
  const require = createRequire(callerUrl);
  const pkgFile = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const api = pathToFileURL(join(dirname(pkgFile), pkg.exports['./esm/api']!.import.default)).href;
  const worker = new URL(`${name}.ts`, callerUrl).href;
  const entry = `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(worker)}, ${JSON.stringify(callerUrl)}))`;
  return new Worker(entry, { ...options, eval: true });
}
