// Every audit action the server records has a label for the auditor, in Chinese and in English, so a new
// action cannot ship showing only its code. The scan is textual and deliberately simple:
//   - it reads every src/**/*.ts except tests, and takes the value of each `action:` property up to the
//     next `,`, `;`, `}` or line end (audit events are object literals: `trail.record({ action: 'x.y', … })`);
//   - the dotted literals in that value are actions ('auth.login'; both branches of a `?:`);
//   - an UPPER_CASE constant is resolved to its `const NAME = '…'` in src (ROTATION_ACTION);
//   - a template such as `catalog.resource.${t}` must be listed in DYNAMIC with the union type its
//     variable has; the type's members, read from the source, complete the action;
//   - any other value (a type annotation, a copied field, an error's details) must be listed in
//     NOT_RECORDED, so a variable passed as an action is questioned here rather than missed.
// Labels for actions no longer recorded are allowed: entries already in the log keep their meaning.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CODE = /^[a-z_]+(\.[a-z_]+)+$/;

/** Templates that build an action from a variable: the file declaring the variable's union type, and the type. */
const DYNAMIC: Record<string, { file: string; type: string }> = {
  '`catalog.resource.${t}`': { file: 'src/catalog/lifecycle.ts', type: 'Transition' },
  '`catalog.open.${decision}`': { file: 'src/catalog/open-catalog.ts', type: 'OpenDecision' },
};

/** `action:` values that are not recorded actions, by file: why each is not one. */
const NOT_RECORDED: Record<string, string> = {
  'src/audit/entry.ts: string': 'the AuditEvent type',
  'src/audit/entry.ts: event.action': 'copies the recorded event into the row',
  'src/audit/query.ts: string': 'the query types',
  'src/audit/query.ts: r.action': 'copies a stored row',
  'src/audit/routes.ts: z': 'the filter schema',
  'src/platform/db/schema.ts: string': 'the audit_log table type',
  'src/catalog/lifecycle.ts: t': 'the step named in an invalid_transition error',
  'src/catalog/open-catalog.ts: decision': 'the step named in an invalid_transition error',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const literals = (text: string) => [...text.matchAll(/'([^'\n]*)'|"([^"\n]*)"/g)].map((m) => m[1] ?? m[2]);

function unionMembers({ file, type }: { file: string; type: string }): string[] {
  const decl = new RegExp(`type ${type} = ([^;]+);`).exec(read(file));
  if (!decl) throw new Error(`${file} no longer declares type ${type}`);
  return literals(decl[1]);
}

function constantValue(name: string, files: Map<string, string>): string {
  for (const text of files.values()) {
    const m = new RegExp(`const ${name} = '([^']+)'`).exec(text);
    if (m) return m[1];
  }
  throw new Error(`constant ${name} is used as an action but not found as const ${name} = '…'`);
}

/** The recorded actions, each with where it was found; and the `action:` values the scan could not read. */
function scan(): { actions: Map<string, string>; unexplained: string[] } {
  const files = new Map(sourceFiles(join(ROOT, 'src')).map((f) => [relative(ROOT, f).split('\\').join('/'), readFileSync(f, 'utf8')]));
  const actions = new Map<string, string>();
  const unexplained: string[] = [];
  const VALUE = /\baction:\s*((?:'[^'\n]*'|"[^"\n]*"|`[^`]*`|[^,;}\n'"`])+)/g;
  for (const [file, text] of files) {
    for (const m of text.matchAll(VALUE)) {
      const value = m[1].trim();
      const where = `${file}:${text.slice(0, m.index).split('\n').length}`;
      const found: string[] = literals(value).filter((s) => CODE.test(s));
      for (const [template] of value.matchAll(/`[^`]*`/g)) {
        if (!template.includes('${')) found.push(template.slice(1, -1));
        else if (DYNAMIC[template]) found.push(...unionMembers(DYNAMIC[template]).map((s) => template.replace(/^`|\$\{\w+\}`$/g, '') + s));
        else unexplained.push(`${where} builds an action from a template not listed in DYNAMIC: ${template}`);
      }
      if (/^[A-Z][A-Z0-9_]*$/.test(value)) found.push(constantValue(value, files));
      if (found.length === 0 && !value.includes('`') && !NOT_RECORDED[`${file}: ${value}`])
        unexplained.push(`${where}: action: ${value} — neither a literal nor listed in NOT_RECORDED`);
      for (const code of found) if (!actions.has(code)) actions.set(code, where);
    }
  }
  return { actions, unexplained };
}

// The console's dictionaries, loaded by path: web/ is built by Vite, not by the server's TypeScript project.
async function dictionaries(): Promise<{ zh: Record<string, string>; en: Record<string, string> }> {
  const load = (name: string) => import(join(ROOT, 'web/src/i18n', `${name}.ts`));
  return { zh: (await load('zh')).zh, en: (await load('en')).en };
}

describe('audit action labels', () => {
  const { actions, unexplained } = scan();

  it('finds the actions the server records, including refusals, constants and built names', () => {
    expect(unexplained).toEqual([]);
    for (const code of [
      'auth.login',
      'access.denied',
      'request.refused',
      'audit.key_rotated',
      'catalog.resource.publish',
      'catalog.open.withdraw',
      'batch.applied',
    ])
      expect(actions.has(code), code).toBe(true);
    expect(actions.size).toBeGreaterThan(60);
  });

  it('gives every recorded action a label in Chinese and in English', async () => {
    const { zh, en } = await dictionaries();
    const missing = [...actions]
      .flatMap(([code, where]) => [
        zh[`audit.action.${code}`]?.trim() ? [] : [`zh audit.action.${code} (recorded at ${where})`],
        en[`audit.action.${code}`]?.trim() ? [] : [`en audit.action.${code} (recorded at ${where})`],
      ])
      .flat();
    expect(missing).toEqual([]);
  });

  it('offers only categories that match recorded actions', async () => {
    const { zh } = await dictionaries();
    const prefixes = Object.keys(zh)
      .filter((k) => k.startsWith('audit.actionGroup.'))
      .map((k) => `${k.slice('audit.actionGroup.'.length)}.`);
    expect(prefixes.length).toBeGreaterThan(0);
    expect(prefixes.filter((p) => ![...actions.keys()].some((code) => code.startsWith(p)))).toEqual([]);
  });
});
