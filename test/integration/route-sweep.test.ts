// Every route the server has, called by an account allowed to call it, with malformed input derived from
// its own OpenAPI schema: each answer is below 500, a refusal has the `{ code, message }` shape, and a refused
// request changes no business row (the audit log, its checkpoints and sessions may grow: refusals and sign-ins
// are recorded there). Routes come from the server itself, so a new route is swept the day it is added.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/demo/index.js';
import { scopeFor, type Permission } from '../../src/identity/index.js';
import { businessDigest, changedTables, type Digest } from '../support/db-digest.js';
import { testEngines } from '../support/engines.js';
import { Client, type Reply } from '../support/http.js';
import {
  bodyMutations,
  exampleOf,
  textMutations,
  type Case,
  type Expect,
  type JsonSchema,
  type OpenApiParameter,
} from '../support/malformed-input.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { baseRequests, createSweepFixtures, type BaseRequest, type SweepFixtures } from '../support/sweep-fixtures.js';

interface Operation {
  method: string;
  /** Fastify's form, /api/v1/units/:id */
  url: string;
  parameters: OpenApiParameter[];
  body: JsonSchema | null;
  public: boolean;
  permission: Permission | null;
}

interface Sent {
  label: string;
  expect: Expect;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  /** a JSON value, or raw bytes with their content type */
  body?: { json: unknown } | { raw: string | Uint8Array; type: string };
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Bytes that are no kind of file, NUL included; the same on every run. */
const GARBAGE = Uint8Array.from({ length: 2048 }, (_, i) => (i * 151 + 7) % 256);
/** Field-level cases per route beyond this are thinned evenly, so that the sweep stays quick. */
const MAX_FIELD_CASES = 48;
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
function operationsOf(spec: any, srv: TestServer): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries<Record<string, any>>(spec.paths)) {
    for (const [m, op] of Object.entries<any>(methods)) {
      const method = m.toUpperCase();
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      const rule = srv.accessRules.find((r) => r.method === method && r.url === url);
      ops.push({
        method,
        url,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
        // the guard lists /api/ routes; the public open-data API under /open/ declares itself public
        public: rule ? rule.public : url.startsWith('/open/'),
        permission: rule?.permission ?? null,
      });
    }
  }
  return ops;
}

/**
 * Who sweeps a route (the permission matrix's own table): the account with the widest scope, and when
 * another role has it only for its own unit, one such account too, for the unit-scoped paths of the code.
 */
function accountsFor(op: Operation): (string | null)[] {
  if (op.public) return [null];
  if (!op.permission) return ['superior'];
  const scoped = (scope: string) => DEMO_ACCOUNTS.find((a) => scopeFor(a.roles, op.permission!) === scope)?.username;
  return [...new Set([scoped('all') ?? scoped('own_unit')!, scoped('own_unit') ?? scoped('all')!])];
}

function thin<T>(cases: T[], max: number): T[] {
  if (cases.length <= max) return cases;
  return Array.from({ length: max }, (_, i) => cases[Math.floor((i * cases.length) / max)]!);
}

function casesFor(op: Operation, base: BaseRequest): Sent[] {
  const params = base.params ?? {};
  const query =
    base.query ??
    Object.fromEntries(op.parameters.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, String(exampleOf(p.schema))]));
  const json = base.body ?? (op.body ? exampleOf(op.body) : undefined);
  const body: Sent['body'] = base.file ? { raw: base.file.data, type: base.file.type } : json === undefined ? undefined : { json };
  const out: Sent[] = [];
  const add = (c: Case<unknown>, part: Partial<Sent>) => out.push({ label: c.label, expect: c.expect, params, query, body, ...part });

  for (const p of op.parameters.filter((x) => x.in === 'path'))
    for (const c of textMutations(p.schema, 'path'))
      add({ ...c, label: `path ${p.name}: ${c.label}` }, { params: { ...params, [p.name]: c.value } });
  for (const p of op.parameters.filter((x) => x.in === 'query')) {
    for (const c of textMutations(p.schema, 'query'))
      add({ ...c, label: `query ${p.name}: ${c.label}` }, { query: { ...query, [p.name]: c.value } });
    add({ label: `query ${p.name}: repeated`, expect: 'any', value: null }, { query: { ...query, [p.name]: ['1', 'no_such_option'] } });
    if (p.required)
      add(
        { label: `query ${p.name}: missing`, expect: 'refused', value: null },
        { query: Object.fromEntries(Object.entries(query).filter(([k]) => k !== p.name)) },
      );
  }
  // unknown query parameters are ignored; sent to reads only, where being ignored changes nothing
  if (op.method === 'GET')
    add({ label: 'query: an unknown parameter', expect: 'any', value: null }, { query: { ...query, unknownParam: 'x' } });

  if (WITH_BODY.has(op.method)) {
    // every route refuses these: a JSON route a file or a form (unsupported media type), a route that takes
    // a file (a batch upload, a correction file, a catalog import) an empty file or one that is no table
    const raw = (label: string, data: string | Uint8Array, type: string) =>
      add({ label, expect: 'refused', value: null }, { body: { raw: data, type } });
    raw('raw: malformed JSON', '{"name": ', 'application/json');
    raw('raw: an empty JSON body', '', 'application/json');
    raw('raw: an empty file', new Uint8Array(), 'application/octet-stream');
    raw('raw: a garbage file', GARBAGE, 'application/octet-stream');
    raw('raw: a garbage spreadsheet', GARBAGE, XLSX);
    raw('raw: form-encoded', 'a=1&b=2', 'application/x-www-form-urlencoded');
    if (op.body && json !== undefined) {
      const all = bodyMutations(op.body, json);
      const whole = all.filter((c) => c.label.startsWith('body:'));
      const fields = thin(
        all.filter((c) => !c.label.startsWith('body:')),
        MAX_FIELD_CASES,
      );
      for (const c of [...whole, ...fields]) add(c, { body: { json: c.value } });
    }
  }
  return out;
}

function urlOf(op: Operation, s: Sent): string {
  const path = op.url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(s.params[name] ?? ''));
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(s.query)) for (const x of [v].flat()) search.append(k, x);
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(c: Client, op: Operation, s: Sent): Promise<Reply> {
  const url = urlOf(op, s);
  if (!s.body) return c.request(op.method, url);
  if ('json' in s.body) return c.request(op.method, url, s.body.json);
  return c.request(op.method, url, s.body.raw, { 'content-type': s.body.type });
}

describe.each(testEngines())('route sweep with malformed input on %s', (engine) => {
  let srv: TestServer;
  let ops: Operation[];
  let fx: SweepFixtures;
  beforeAll(async () => {
    srv = await startTestServer({ demo: true, engine });
    ops = operationsOf((await new Client(srv.url).get('/api/openapi.json')).body, srv);
    fx = await createSweepFixtures(srv);
  });
  afterAll(async () => srv?.close());

  it('finds every route of the access table in the OpenAPI document, and a valid request for every route with path ids', () => {
    const documented = new Set(ops.map((o) => `${o.method} ${o.url}`));
    expect(srv.accessRules.map((r) => `${r.method} ${r.url}`).filter((r) => !documented.has(r))).toEqual([]);
    expect(ops.length).toBeGreaterThanOrEqual(srv.accessRules.length);
    const bases = baseRequests(fx);
    const unbased = ops.filter((o) => o.parameters.some((p) => p.in === 'path') && !bases[`${o.method} ${o.url}`]);
    expect(unbased.map((o) => `${o.method} ${o.url}`)).toEqual([]);
  });

  it('answers malformed input on every route below 500, refusals in the error shape, and a refusal changes nothing', async () => {
    const bases = baseRequests(fx);
    const clients = new Map<string, Client>();
    const clientFor = async (username: string | null) => {
      const key = username ?? '(anonymous)';
      if (!clients.has(key)) {
        const c = new Client(srv.url);
        if (username) {
          const r = await c.login(username);
          expect(r.status, `login ${username}: ${JSON.stringify(r.body)}`).toBe(200);
        }
        clients.set(key, c);
      }
      return clients.get(key)!;
    };
    const failures: string[] = [];
    let sent = 0;
    let before: Digest = await businessDigest(srv.ctx.database.db);
    // logging out ends the session the rest of the sweep uses: it goes last
    const ordered = [...ops].sort((a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')));
    const sweeps = ordered.flatMap((op) =>
      accountsFor(op).flatMap((account, i) =>
        casesFor(op, bases[`${op.method} ${op.url}`] ?? {})
          // the unit-scoped account: the path, the query and the body as a whole, not every field again
          .filter((s) => i === 0 || !s.label.startsWith('.'))
          .map((s) => ({ op, account, s })),
      ),
    );
    for (const { op, account, s } of sweeps) {
      // a logout that is not refused ends its session: each of its cases signs in afresh
      if (op.url.endsWith('/logout')) clients.delete(account!);
      const r = await send(await clientFor(account), op, s).catch((err: Error) => err);
      const after = await businessDigest(srv.ctx.database.db);
      sent++;
      if (r instanceof Error) {
        failures.push(
          `no answer: ${op.method} ${op.url} as ${account ?? 'anonymous'} [${s.label}] → ${r.message} ${String(r.cause ?? '')}`,
        );
        before = after;
        continue;
      }
      const where = `${op.method} ${op.url} as ${account ?? 'anonymous'} [${s.label}] → ${r.status} ${JSON.stringify(r.body)?.slice(0, 160)}`;
      if (r.status >= 500) failures.push(`server error: ${where}`);
      else if (r.status >= 400) {
        if (typeof r.body?.code !== 'string' || typeof r.body?.message !== 'string') failures.push(`no error shape: ${where}`);
        const changed = changedTables(before, after);
        if (changed.length) failures.push(`refused but changed ${changed.join(', ')}: ${where}`);
        if (r.status === 401 && !op.public && !op.url.endsWith('/auth/password')) failures.push(`lost its session: ${where}`);
      } else if (s.expect === 'refused') failures.push(`accepted: ${where}`);
      before = after;
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(ops.length * 5);
  });
});
