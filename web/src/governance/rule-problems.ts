// A rule set or a sample the server refused (`bad_rule_set`, `bad_sample`) comes with its problems in
// `details`, each at its path in the text; the editor lists them under the text. Parsing the text gives
// them as a list of `{ path, message }`; checking it against the resource's elements (when it is saved)
// as `{ problems: ['path: message', …] }`. Both are read, or a refused save would say only how many.
import { ApiError } from '../api';
import type { RuleSetProblem } from './types';

function fromLine(line: string): RuleSetProblem {
  const at = line.indexOf(': ');
  return at > 0 ? { path: line.slice(0, at), message: line.slice(at + 2) } : { path: '', message: line };
}

export function ruleSetProblems(err: unknown): RuleSetProblem[] {
  if (!(err instanceof ApiError)) return [];
  const details = err.details as unknown;
  if (Array.isArray(details)) {
    return details.filter(
      (d): d is RuleSetProblem => typeof d === 'object' && d !== null && typeof (d as { message?: unknown }).message === 'string',
    );
  }
  const lines = (details as { problems?: unknown } | null | undefined)?.problems;
  return Array.isArray(lines) ? lines.filter((l): l is string => typeof l === 'string').map(fromLine) : [];
}
