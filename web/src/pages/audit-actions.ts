// The audit log's action codes as the auditor reads them: a label in the console's language, with the
// code kept beside it (filters and the docs speak in codes). The codes and the filter's prefixes are
// the keys of zh-audit.ts; an action recorded by a newer server without a label shows its code alone.
import { isMessageKey, type Translate } from '../i18n';
import { zhAudit } from '../i18n/zh-audit';

const ACTION = 'audit.action.';
const GROUP = 'audit.actionGroup.';
const keys = Object.keys(zhAudit);

/** Every labelled action code, in the order of zh-audit.ts (grouped by module). */
export const ACTION_CODES: readonly string[] = keys.filter((k) => k.startsWith(ACTION)).map((k) => k.slice(ACTION.length));

/** Prefixes the filter offers, each ending in "." as the server's prefix match wants (auth. → auth.login, auth.logout…). */
export const ACTION_PREFIXES: readonly string[] = keys.filter((k) => k.startsWith(GROUP)).map((k) => `${k.slice(GROUP.length)}.`);

/** The label of an action code, or null when it has none. */
export function actionLabel(t: Translate, code: string): string | null {
  const key = `${ACTION}${code}`;
  return isMessageKey(key) ? t(key) : null;
}

/** The label of a filter prefix such as `auth.`, or null. */
export function actionGroupLabel(t: Translate, prefix: string): string | null {
  const key = `${GROUP}${prefix.replace(/[.*]$/, '')}`;
  return isMessageKey(key) ? t(key) : null;
}

/** Whether an option matches what the auditor typed: by label or by code, ignoring case. */
export function matchesAction(input: string, code: string, label: string | null): boolean {
  const q = input.trim().toLowerCase();
  return q === '' || code.toLowerCase().includes(q) || (label ?? '').toLowerCase().includes(q);
}

/**
 * What the filter sends for what was typed: a label typed out in full (登录) becomes its code (auth.login),
 * a category's label its prefix; anything else (a code, a prefix, a code this console has no label for) as typed.
 */
export function actionFromInput(t: Translate, input: string): string {
  const q = input.trim();
  const code = ACTION_CODES.find((c) => actionLabel(t, c) === q) ?? ACTION_PREFIXES.find((p) => actionGroupLabel(t, p) === q);
  return code ?? q;
}
