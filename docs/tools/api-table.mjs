// Prints the endpoint table of docs/api.zh.md from the built server itself (npm run build:server first):
// every /api/ route with the permission the guard enforces (accessRules), the roles that hold it
// (src/identity/roles.ts) and the summary from the OpenAPI document. Runs on a throw-away in-memory
// database and a temporary data directory; nothing else is touched.
//   node docs/tools/api-table.mjs > /tmp/api-table.md
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../../dist/', import.meta.url);
const { buildAppWithRules, openContext } = await import(new URL('app/index.js', dist).href);
const { loadConfig } = await import(new URL('platform/config/index.js', dist).href);
const { PERMISSIONS, ROLE_NAMES } = await import(new URL('identity/roles.js', dist).href);

const dataDir = mkdtempSync(join(tmpdir(), 'gongshu-api-table-'));
try {
  const ctx = await openContext(loadConfig({ db: 'sqlite::memory:', dataDir, logLevel: 'silent' }));
  const { app, accessRules } = await buildAppWithRules(ctx);
  await app.ready();
  const spec = JSON.parse((await app.inject({ method: 'GET', url: '/api/openapi.json' })).body);
  const who = (perm) =>
    Object.entries(PERMISSIONS[perm])
      .map(([role, scope]) => `${ROLE_NAMES[role].zh}${scope === 'own_unit' ? '（own_unit）' : ''}`)
      .join('、');
  const rows = [];
  for (const r of accessRules) {
    if (!r.url.startsWith('/api/v1/')) continue;
    const oasPath = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const summary = spec.paths?.[oasPath]?.[r.method.toLowerCase()]?.summary ?? '';
    const access = r.public ? '公开（无需登录）' : r.permission ? `\`${r.permission}\`` : '任何已登录用户';
    const roles = r.permission ? who(r.permission) : r.public ? '—' : '全部角色';
    rows.push(`| ${r.method} | \`${r.url}\` | ${access} | ${roles} | ${summary} |`);
  }
  console.log('| 方法 | 路径 | 所需权限 | 拥有该权限的角色 | 用途（OpenAPI summary） |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  await app.close();
  await ctx.database.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
