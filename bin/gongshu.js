#!/usr/bin/env node
// Entry point of the `gongshu` command: runs the compiled CLI (built by `npm install` / `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  console.error('gongshu: the server is not built yet; run `npm run build` (npm install does it).');
  process.exit(1);
}
await import(main);
