// A rule set or a sample the server refused (`bad_rule_set`, `bad_sample`) comes with its problems in
// `details`, each at its path in the text; the editor lists them under the text.
import { ApiError } from '../api';
import type { RuleSetProblem } from './types';

export function ruleSetProblems(err: unknown): RuleSetProblem[] {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return [];
  return (err.details as unknown[]).filter(
    (d): d is RuleSetProblem => typeof d === 'object' && d !== null && typeof (d as { message?: unknown }).message === 'string',
  );
}
