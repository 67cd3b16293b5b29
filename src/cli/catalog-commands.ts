// `gongshu catalog list --json`: the resource catalog as JSON, for scripts and outside checks.
import { Command } from 'commander';
import { withDatabase, type CommonOptions } from './context.js';
import { dataDirOption, dbOption } from './options.js';

export function registerCatalogCommands(program: Command) {
  const catalog = program.command('catalog').description('资源目录 the resource catalog');
  catalog
    .command('list')
    .description('列出资源目录 list every resource at its newest version')
    .option('--json', 'print a JSON array')
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (opts: CommonOptions & { json?: boolean }) => {
      const { allResources } = await import('../catalog/index.js');
      await withDatabase(
        opts,
        async (database) => {
          const resources = await allResources(database.db);
          const rows = resources.map((r) => ({
            code: r.code,
            name: r.name,
            provider: r.providerName,
            providerUnitId: r.providerUnitId,
            status: r.status,
            version: r.version,
            publishedVersion: r.publishedVersion,
            kind: r.kind,
            format: r.format,
            grade: r.grade,
            gradeLevel: r.gradeLevel ?? null,
            sharingType: r.sharingType,
            openType: r.openType,
            updateCycle: r.updateCycle,
            elements: r.elements.map((e) => ({
              name: e.name,
              code: e.code,
              type: e.type,
              key: e.key,
              required: e.required,
              sensitivity: e.sensitivity,
              personalInfo: e.personalInfo,
              maskingRule: e.maskingRule,
            })),
          }));
          if (opts.json) console.log(JSON.stringify(rows, null, 2));
          else for (const r of rows) console.log(`${r.code}\t${r.status}\t${r.grade}\t${r.sharingType}\t${r.provider}\t${r.name}`);
        },
        '20261127T0300-catalog',
      );
    });
}
