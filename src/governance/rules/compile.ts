// Compiles a rule set once per batch into closures over the record arrays the readers produce; cleanse
// and check then run per record with no allocation on the clean path.
import type { Element } from '../../catalog/index.js';
import { badRequest } from '../../platform/errors.js';
import { dateNumberOf } from '../../platform/validators/index.js';
import { ruleSetProblems } from './check-rule-set.js';
import { compileCheck, idValidators, mayStartFormula } from './checks.js';
import type { RuleInfo, RuleTest } from './checks.js';
import { compileCleansing } from './cleansing.js';
import type { Cleanser } from './cleansing.js';
import type { RuleSet } from './rule-set.js';

export interface CompiledRules {
  readonly rules: readonly RuleInfo[];
  /** Cleanses in place; returns how many values it changed. Never turns a defect into a plausible value. */
  cleanse(values: (string | null)[]): number;
  /** Checks a cleansed record. Calls onProblem for each failure; returns 0 clean, 1 warnings only, 2 rejected. */
  check(
    values: (string | null)[],
    onProblem: (ruleIndex: number, elementIndex: number, value: string | null, message: string) => void,
  ): 0 | 1 | 2;
  /** Per rule: how many values it examined and how many failed, since the last reset (for scoring). */
  readonly checked: Uint32Array;
  readonly failed: Uint32Array;
  resetCounters(): void;
}

/** Throws a 400 `bad_rule_set` listing the problems when the rule set does not fit the elements. */
export function compileRules(elements: Element[], ruleSet: RuleSet, opts: { today: string }): CompiledRules {
  const problems = ruleSetProblems(ruleSet, elements);
  if (problems.length)
    throw badRequest('bad_rule_set', `规则集与信息项不符，共 ${problems.length} 处 (the rule set does not fit the elements)`, problems);
  const today = dateNumberOf(opts.today);
  const indexOf = new Map(elements.map((e, i) => [e.code, i]));

  // cleansing: parallel arrays of the elements that have steps
  const cleanIdx: number[] = [];
  const cleanFns: Cleanser[] = [];
  elements.forEach((e, i) => {
    const fn = compileCleansing(ruleSet.cleansing[e.code] ?? []);
    if (fn) {
      cleanIdx.push(i);
      cleanFns.push(fn);
    }
  });
  const cleanCount = cleanIdx.length;

  const ctx = { elements, indexOf, today, idProblem: idValidators(today) };
  // reference rules need the store: the batch checks them a chunk at a time (aggregation/references.ts)
  const compiled = ruleSet.rules.filter((r) => r.kind !== 'reference').map((r) => compileCheck(r, ctx));
  const n = compiled.length;
  const els = Int32Array.from(compiled, (c) => c.element);
  const examinesEmpty = Uint8Array.from(compiled, (c) => (c.examinesEmpty ? 1 : 0));
  const tests: RuleTest[] = compiled.map((c) => c.test);
  const passUpTo = Float64Array.from(compiled, (c) => c.passUpTo);
  const gated = Uint8Array.from(compiled, (c) => (c.firstCharGate ? 1 : 0));
  const verdictOf = Uint8Array.from(compiled, (c) => (c.info.severity === 'error' ? 2 : 1));
  const checked = new Uint32Array(n);
  const failed = new Uint32Array(n);

  return {
    rules: compiled.map((c) => c.info),
    checked,
    failed,
    resetCounters() {
      checked.fill(0);
      failed.fill(0);
    },
    cleanse(values) {
      let changed = 0;
      for (let k = 0; k < cleanCount; k++) {
        const i = cleanIdx[k]!;
        const v = values[i];
        if (v === null || v === undefined) continue;
        const out = cleanFns[k]!(v);
        if (out !== v) {
          values[i] = out;
          changed++;
        }
      }
      return changed;
    },
    check(values, onProblem) {
      let verdict = 0;
      for (let r = 0; r < n; r++) {
        const v = values[els[r]!] ?? null;
        let mask: number;
        if (v === null || v.length === 0) {
          if (examinesEmpty[r] === 0) continue;
          mask = 1;
        } else if (v.length <= passUpTo[r]! || (gated[r] === 1 && !mayStartFormula(v.charCodeAt(0)))) {
          mask = 0; // decided without calling the test: most values pass the cheap rules
        } else {
          mask = tests[r]!(v, values);
          if (mask < 0) continue;
        }
        checked[r]!++;
        if (mask === 0) continue;
        failed[r]!++;
        if (verdictOf[r]! > verdict) verdict = verdictOf[r]!;
        const problems = compiled[r]!.problems;
        for (let b = 0; b < problems.length; b++) {
          if ((mask & (1 << b)) === 0) continue;
          const p = problems[b]!;
          onProblem(r, p.element, p.element === els[r] ? v : (values[p.element] ?? null), p.message);
        }
      }
      return verdict as 0 | 1 | 2;
    },
  };
}
