// The `gongshu` command. Every command takes --db (sqlite:PATH or postgres://…; GONGSHU_DB does the same).
import { Command } from 'commander';
import { registerAuditCommands } from './audit-commands.js';
import { registerCatalogCommands } from './catalog-commands.js';
import { registerImportCommands } from './import-commands.js';
import { registerDbCommands } from './db-commands.js';
import { registerServe } from './serve.js';
import { VERSION } from '../app/version.js';

const program = new Command('gongshu')
  .description('公数 Gongshu — 公共数据汇聚、治理、共享、开放与监管平台')
  .version(VERSION)
  .showHelpAfterError();

registerServe(program);
registerDbCommands(program);
registerAuditCommands(program);
registerCatalogCommands(program);
registerImportCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  console.error(`gongshu: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
