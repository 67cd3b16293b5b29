// What one record of a batch becomes on its way to the store: its key, its row digest, and the
// findings the batch itself adds to the rules' (a missing key, a value its column cannot hold, an exact
// duplicate, a repeated key with other values).
import type { Element } from '../catalog/index.js';
import { sm3Hex } from '../platform/crypto/index.js';
import type { ProblemFinding, ProblemRecord } from '../governance/index.js';
import { KEY_SEPARATOR } from './dataset-store.js';
import { TYPE_ZH } from './storable.js';

const NUL = '\u0000';

/** A string of its own, not a view into the reader's decoded chunk (V8 keeps sliced strings' parents alive). */
export function copyText(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

export function keyOf(values: (string | null)[], keyIdx: number[]): string {
  if (keyIdx.length === 1) return values[keyIdx[0]!]!;
  return keyIdx.map((i) => values[i]).join(KEY_SEPARATOR);
}

export function rowHash(values: (string | null)[]): string {
  let text = '';
  for (let i = 0; i < values.length; i++) text += (i ? KEY_SEPARATOR : '') + (values[i] ?? NUL);
  return sm3Hex(text);
}

export function problemRecord(
  recordNo: number,
  values: (string | null)[],
  keyIdx: number[],
  elements: Element[],
  verdict: ProblemRecord['verdict'],
  findings: ProblemFinding[],
): ProblemRecord {
  const byCode: Record<string, string | null> = {};
  elements.forEach((e, i) => (byCode[e.code] = values[i] ?? null));
  const key = keyIdx.every((i) => values[i] != null) ? keyOf(values, keyIdx) : null;
  return { recordNo, key, values: byCode, verdict, findings };
}

export function uniqueRules(findings: ProblemFinding[]): Set<string> {
  return new Set(findings.map((f) => f.rule));
}

export function missingKey(e: Element): ProblemFinding {
  return {
    rule: `required:${e.code}`,
    element: e.code,
    dimension: 'completeness',
    severity: 'error',
    value: null,
    message: `主键信息项「${e.name}」为空 (the key element is empty)`,
  };
}

export function unstorable(e: Element, value: string): ProblemFinding {
  return {
    rule: `type:${e.code}`,
    element: e.code,
    dimension: 'normativity',
    severity: 'error',
    value,
    message: `「${e.name}」的值不是有效的${TYPE_ZH[e.type]} (not a valid ${e.type})`,
  };
}

export function duplicateFinding(key: string): ProblemFinding {
  return {
    rule: 'duplicate_record',
    element: '',
    dimension: 'accuracy',
    severity: 'warning',
    value: key,
    message: '与本批次中前面的记录完全相同，已保留第一条 (an exact duplicate of an earlier record in this batch; the first is kept)',
  };
}

export function conflictFinding(key: string): ProblemFinding {
  return {
    rule: 'duplicate_key',
    element: '',
    dimension: 'accuracy',
    severity: 'error',
    value: key,
    message: '主键与本批次中前面的记录重复但内容不同 (the key repeats an earlier record of this batch with other values)',
  };
}
