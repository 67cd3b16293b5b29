// Malformed requests derived from a route's OpenAPI schema (the JSON Schema the zod schemas become):
// wrong JSON types, null, missing required fields, unknown fields, 10k-character strings, NUL characters,
// out-of-range and non-integer numbers, bad enums, ids and dates — in the body (one field at a time, nested
// objects and the first item of arrays included), in the query string and in the path.
// Each case says whether only a refusal is right (`refused`: the schema itself forbids it, the id names
// nothing, or the platform refuses it everywhere, as it does NUL characters) or any answer below 500 is
// (`any`: the schema allows it, as it allows an unknown field it strips).

export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
}

export interface OpenApiParameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

export type Expect = 'refused' | 'any';

export interface Case<T> {
  label: string;
  expect: Expect;
  value: T;
}

const LONG = 'x'.repeat(10_000);
const UNKNOWN_ID = '7a1c9e52-3f0b-4d8e-9b6a-2c4f1e0d5a93';
const NUL = 'a\u0000b';
/** Quotes, wildcards and SQL and full-text operators: text a search or a lookup must take as plain text. */
const SYNTAX = `"'%_\\*( OR 1=1 -- NEAR(`;

const branches = (s: JsonSchema): JsonSchema[] => [...(s.anyOf ?? []), ...(s.oneOf ?? [])];

/** The JSON types a schema admits; null for "anything". */
function allowedTypes(s: JsonSchema): Set<string> | null {
  const out = new Set<string>();
  if (s.nullable) out.add('null');
  if (s.type) {
    out.add(s.type);
    if (s.type === 'integer') out.add('number');
  }
  for (const b of branches(s)) {
    const t = allowedTypes(b);
    if (!t) return null;
    for (const x of t) out.add(x);
  }
  if (!s.type && !branches(s).length) {
    if (s.enum) for (const v of s.enum) out.add(v === null ? 'null' : typeof v);
    else return null;
  }
  return out;
}

const admits = (s: JsonSchema, type: string) => {
  const t = allowedTypes(s);
  return t === null || t.has(type);
};

/** The branch of an anyOf/oneOf that describes a value (its fixed enum fields match), or the schema itself. */
function branchFor(s: JsonSchema, value: unknown): JsonSchema {
  const bs = branches(s);
  if (!bs.length) return s;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const objects = bs.filter((b) => b.type === 'object');
    const fits = objects.find((b) => Object.entries(b.properties ?? {}).every(([k, p]) => !(p.enum?.length === 1) || v[k] === p.enum[0]));
    if (fits) return fits;
  }
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return bs.find((b) => b.type === kind || (kind === 'number' && b.type === 'integer')) ?? bs[0]!;
}

/** A plausible valid value: the default, the first enum value, the smallest string or number, required fields only. */
export function exampleOf(s: JsonSchema): unknown {
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  const bs = branches(s);
  if (bs.length) return exampleOf(bs.find((b) => b.type !== 'null' && !b.enum?.includes(null)) ?? bs[0]!);
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of s.required ?? []) out[k] = exampleOf(s.properties?.[k] ?? {});
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => exampleOf(s.items ?? {}));
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'string':
      if (s.format === 'uuid') return UNKNOWN_ID;
      if (s.format === 'date') return '2026-01-01';
      if (s.format === 'date-time') return '2026-01-01T00:00:00Z';
      return '示例'.padEnd(Math.max(s.minLength ?? 1, 2), '例').slice(0, s.maxLength ?? 100);
    default:
      return s.nullable ? null : '示例';
  }
}

/** Values of a wrong JSON type for a field: an array where an object belongs, a number where a string does. */
function wrongTypes(s: JsonSchema): Case<unknown>[] {
  const values: Record<string, unknown> = { array: [], object: {}, string: 'not-a-value', number: 12345 };
  const t = allowedTypes(s);
  if (!t) return [];
  const order = t.has('object') ? ['array'] : t.has('array') ? ['object'] : t.has('string') ? ['number', 'object'] : ['string', 'array'];
  return order
    .filter((type) => !t.has(type))
    .map((type) => ({ label: `${type} instead of ${[...t].join('|')}`, expect: 'refused' as const, value: values[type] }));
}

/** Malformed values for one field of a JSON body. */
function fieldMutations(s: JsonSchema): Case<unknown>[] {
  const out: Case<unknown>[] = [...wrongTypes(s)];
  out.push({ label: 'null', expect: admits(s, 'null') ? 'any' : 'refused', value: null });
  const flat = [s, ...branches(s)];
  const strings = flat.filter((b) => b.type === 'string');
  if (strings.length) {
    const bounded = strings.every((b) => b.enum || b.format || b.pattern || (b.maxLength ?? Infinity) < LONG.length);
    out.push({ label: '10k characters', expect: bounded ? 'refused' : 'any', value: LONG });
    out.push({ label: 'a NUL character', expect: 'refused', value: NUL });
    out.push({ label: 'quotes and operators', expect: strings.some((b) => b.enum || b.format) ? 'refused' : 'any', value: SYNTAX });
    if (strings.some((b) => b.enum)) out.push({ label: 'a value not in the enum', expect: 'refused', value: 'no_such_option' });
    if (strings.some((b) => b.format === 'uuid')) out.push({ label: 'not a UUID', expect: 'refused', value: 'not-a-uuid' });
    if (strings.some((b) => b.format === 'date' || b.format === 'date-time'))
      out.push({ label: 'an impossible date', expect: 'refused', value: '2026-02-30' });
  }
  const numbers = flat.filter((b) => b.type === 'number' || b.type === 'integer');
  for (const n of numbers.slice(0, 1)) {
    out.push({ label: 'negative', expect: n.minimum !== undefined && n.minimum > -1 ? 'refused' : 'any', value: -1 });
    out.push({ label: 'huge', expect: n.maximum !== undefined && n.maximum < 1e21 ? 'refused' : 'any', value: 1e21 });
    if (n.type === 'integer') out.push({ label: 'a fraction', expect: 'refused', value: 0.5 });
    if (n.type === 'integer' && (n.maximum ?? Infinity) >= 2 ** 31)
      out.push({ label: 'beyond a 32-bit integer', expect: 'any', value: 2 ** 31 });
  }
  return out;
}

type Path = (string | number)[];

function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

const label = (path: Path) => path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('') || '(body)';

/** One field at a time, through nested objects and the first item of each array, up to `depth` levels. */
function nestedMutations(s: JsonSchema, value: unknown, root: unknown, path: Path, depth: number): Case<unknown>[] {
  const out: Case<unknown>[] = [];
  const schema = branchFor(s, value);
  if (schema.type === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const extra = schema.additionalProperties;
    const props: Record<string, JsonSchema> = { ...(schema.properties ?? {}) };
    // a record (additionalProperties with a schema): its keys present in the example are its fields
    if (extra && typeof extra === 'object') for (const k of Object.keys(v)) props[k] ??= extra;
    for (const [k, p] of Object.entries(props)) {
      for (const m of fieldMutations(p))
        out.push({ label: `${label([...path, k])}: ${m.label}`, expect: m.expect, value: setAt(root, [...path, k], m.value) });
      if (schema.required?.includes(k) && k in v)
        out.push({ label: `${label([...path, k])}: missing`, expect: 'refused', value: setAt(root, [...path, k], undefined, true) });
      if (depth > 1 && k in v) out.push(...nestedMutations(p, v[k], root, [...path, k], depth - 1));
    }
    out.push({
      label: `${label([...path, 'unknownField'])}: an unknown field`,
      expect: extra === false ? 'refused' : 'any',
      value: setAt(root, [...path, 'unknownField'], { nested: [1, 'x'] }),
    });
  } else if (schema.type === 'array' && Array.isArray(value) && value.length > 0 && schema.items && depth > 1) {
    out.push(...nestedMutations(schema.items, value[0], root, [...path, 0], depth - 1));
  }
  return out;
}

/** Whole-body cases (null, an array, a string, an empty object) and one-field cases of a JSON body. */
export function bodyMutations(s: JsonSchema, base: unknown, depth = 3): Case<unknown>[] {
  const needsSomething = (s.required ?? []).length > 0;
  return [
    { label: 'body: null', expect: 'refused', value: null },
    { label: 'body: an array instead of an object', expect: 'refused', value: [base] },
    { label: 'body: a string', expect: 'refused', value: 'not an object' },
    { label: 'body: a number', expect: 'refused', value: 42 },
    { label: 'body: an empty object', expect: needsSomething ? 'refused' : 'any', value: {} },
    ...nestedMutations(s, base, base, [], depth),
  ];
}

/** Malformed text for a query or path parameter. */
export function textMutations(s: JsonSchema, where: 'query' | 'path'): Case<string>[] {
  const out: Case<string>[] = [];
  const bounded = !!(s.enum || s.format || s.pattern || (s.maxLength ?? Infinity) < LONG.length);
  const t = s.type;
  if (t === 'integer' || t === 'number') {
    for (const [l, v] of [
      ['negative', '-1'],
      ['zero', '0'],
      ['a fraction', '1.5'],
      ['not a number', 'abc'],
      ['huge', '99999999999999999999'],
      ['exponent', '1e21'],
    ] as const) {
      const n = Number(v);
      const fits =
        Number.isFinite(n) && (t === 'number' || Number.isInteger(n)) && n >= (s.minimum ?? -Infinity) && n <= (s.maximum ?? Infinity);
      out.push({ label: l, expect: fits && where === 'query' ? 'any' : 'refused', value: v });
    }
    if ((s.maximum ?? Infinity) >= 2 ** 31)
      out.push({ label: 'beyond a 32-bit integer', expect: where === 'path' ? 'refused' : 'any', value: String(2 ** 31) });
  } else if (t === 'boolean') {
    out.push({ label: 'not a boolean', expect: 'any', value: 'maybe' });
  } else {
    if (s.enum) out.push({ label: 'a value not in the enum', expect: 'refused', value: 'no_such_option' });
    if (s.format === 'uuid') {
      out.push({ label: 'not a UUID', expect: 'refused', value: 'not-a-uuid' });
      out.push({ label: 'an unknown id', expect: where === 'path' ? 'refused' : 'any', value: UNKNOWN_ID });
    }
    if (s.format === 'date-time' || s.format === 'date') {
      out.push({ label: 'not a date', expect: 'refused', value: 'yesterday' });
      out.push({ label: 'an impossible date', expect: 'refused', value: '2026-13-45T99:99:99Z' });
      out.push({ label: 'a far future date', expect: 'any', value: '9999-12-31T23:59:59Z' });
    }
    out.push({ label: '10k characters', expect: bounded || where === 'path' ? 'refused' : 'any', value: LONG });
    out.push({ label: 'a NUL character', expect: 'refused', value: NUL });
    out.push({ label: 'quotes and operators', expect: s.enum || s.format || where === 'path' ? 'refused' : 'any', value: SYNTAX });
  }
  out.push({
    label: 'empty',
    expect: where === 'path' || (s.minLength ?? 0) > 0 || t === 'integer' || !!s.enum ? 'refused' : 'any',
    value: '',
  });
  return out;
}
