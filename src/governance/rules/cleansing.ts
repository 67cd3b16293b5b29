// Cleansing steps compiled to plain functions `string → string | null` (null = empty). Each returns its
// input itself when it has nothing to do, so a clean value costs a scan of its characters and no copy.
import { isCanonicalPhone, normalizePhone } from '../../platform/validators/index.js';
import { CODE_TABLES, codeLookup } from './code-tables.js';
import { isBlank, isSpaceCode, normalizeDate, normalizeDatetime, stripThousands, toHalfWidth, trimText } from './normalize.js';
import type { CleansingStep } from './rule-set.js';

export type Cleanser = (v: string) => string | null;

export const DEFAULT_NULL_TOKENS = ['空', '无', 'NULL', 'null', 'N/A', '-', '/'];

function hasAsciiUpper(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

// Whether toUpperCase/toLowerCase could change v: an ASCII letter of the other case, or a letter outside
// ASCII and outside the CJK blocks (which have no case), where the built-in decides.
function mayChangeCase(v: string, toUpper: boolean): boolean {
  const lo = toUpper ? 97 : 65;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c >= lo && c <= lo + 25) || (c >= 0x80 && c < 0x2e80) || c >= 0xff21) return true;
  }
  return false;
}

const trim: Cleanser = (v) => {
  const t = trimText(v);
  return t.length === 0 ? null : t;
};

// Tokens match case-insensitively (NULL, Null, n/a); a custom list replaces the default one, and a
// value of only whitespace is always empty.
function nullTokens(tokens: readonly string[]): Cleanser {
  const set = new Set(tokens.map((t) => t.toLowerCase()));
  const longest = Math.max(0, ...tokens.map((t) => t.length));
  // the tokens' first characters in both cases: most values are ruled out by one comparison loop, without hashing
  const firsts = Int32Array.from(new Set(tokens.flatMap((t) => [t.toLowerCase().charCodeAt(0), t.toUpperCase().charCodeAt(0)])));
  const maybeToken = (v: string) => {
    const c = v.charCodeAt(0);
    for (let i = 0; i < firsts.length; i++) if (firsts[i] === c) return true;
    return false;
  };
  return (v) => {
    if (v.length <= longest && maybeToken(v) && (set.has(v) || (hasAsciiUpper(v) && set.has(v.toLowerCase())))) return null;
    return v.length === 0 || (isSpaceCode(v.charCodeAt(0)) && isBlank(v)) ? null : v;
  };
}

function fromMap(map: Map<string, string>, caseInsensitive: boolean): Cleanser {
  return (v) => {
    const hit = map.get(v) ?? (caseInsensitive && hasAsciiUpper(v) ? map.get(v.toLowerCase()) : undefined);
    return hit === undefined ? v : hit === '' ? null : hit;
  };
}

const NAMED: Record<Exclude<CleansingStep, object>, Cleanser> = {
  trim,
  full_to_half: toHalfWidth,
  upper: (v) => (mayChangeCase(v, true) ? v.toUpperCase() : v),
  lower: (v) => (mayChangeCase(v, false) ? v.toLowerCase() : v),
  null_tokens: nullTokens(DEFAULT_NULL_TOKENS),
  date: normalizeDate,
  datetime: normalizeDatetime,
  phone: (v) => (isCanonicalPhone(v) ? v : (normalizePhone(v) ?? v)),
  id_upper_x: (v) => (v.charCodeAt(v.length - 1) === 120 ? v.slice(0, -1) + 'X' : v),
  number: stripThousands,
};

/** One step; an unknown code table throws (checkRuleSet reports it first). */
export function compileStep(step: CleansingStep): Cleanser {
  if (typeof step === 'string') return NAMED[step];
  if ('codeTable' in step) {
    const table = CODE_TABLES[step.codeTable];
    if (!table) throw new Error(`unknown code table ${step.codeTable}`);
    return fromMap(codeLookup(table), true);
  }
  if ('map' in step) return fromMap(new Map(Object.entries(step.map)), false);
  return nullTokens(step.null_tokens);
}

function hasFullWidth(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 0x3000 && (c === 0x3000 || (c >= 0xff01 && c <= 0xff5e))) return true;
  }
  return false;
}

// trim, full_to_half, null_tokens — the start of every default chain — in one scan when the value needs
// neither of the first two, which is nearly always; otherwise exactly the three steps in turn.
function fusedBasics(tokens: Cleanser): Cleanser {
  return (v) => {
    const n = v.length;
    if (n !== 0 && !isSpaceCode(v.charCodeAt(0)) && !isSpaceCode(v.charCodeAt(n - 1)) && !hasFullWidth(v)) return tokens(v);
    const t = trim(v);
    return t === null ? null : tokens(toHalfWidth(t));
  };
}

/** An element's steps in their declared order, stopping once the value is empty; null when there are none. */
export function compileCleansing(steps: readonly CleansingStep[]): Cleanser | null {
  let fns = steps.map(compileStep);
  const t = steps[2];
  if (steps[0] === 'trim' && steps[1] === 'full_to_half' && (t === 'null_tokens' || (typeof t === 'object' && 'null_tokens' in t)))
    fns = [fusedBasics(fns[2]!), ...fns.slice(3)];
  const [f, g, h] = fns;
  switch (fns.length) {
    case 0:
      return null;
    case 1:
      return f!;
    case 2:
      return (v) => {
        const x = f!(v);
        return x === null ? null : g!(x);
      };
    case 3:
      return (v) => {
        const x = f!(v);
        const y = x === null ? null : g!(x);
        return y === null ? null : h!(y);
      };
    default:
      return (v) => {
        let x: string | null = v;
        for (let i = 0; i < fns.length && x !== null; i++) x = fns[i]!(x);
        return x;
      };
  }
}
