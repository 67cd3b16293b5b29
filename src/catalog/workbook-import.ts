// Imports the catalog workbook (or its JSON form). Every row is checked and every error reported with
// its sheet, row and column; an import with any error applies nothing. Rows with a resource code update
// that resource (unchanged rows are skipped, so export → import changes nothing); rows without one
// create drafts.
import ExcelJS from 'exceljs';
import type { AppContext } from '../app/context.js';
import { actorOf, type Principal, type RequestMeta } from '../identity/index.js';
import { badRequest } from '../platform/errors.js';
import { canEdit } from './access.js';
import { resourceContentSchema, type ResourceContent } from './model.js';
import { changedCodeFields, createInTransaction, saveInTransaction } from './resources.js';
import { diffContent } from './diff.js';
import { getResource } from './queries.js';
import { checkConsistency } from './rules.js';
import { ELEMENT_COLUMNS, ELEMENT_SHEET, NO, RESOURCE_COLUMNS, RESOURCE_SHEET, YES, type Column } from './workbook-layout.js';

export interface ImportError {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export interface ImportResult {
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportError[];
}

/** Where a field of a resource came from, to point errors at the right cell. */
interface Origin {
  sheet: string;
  row: number;
  failed: Set<string>; // "name" for the resource row, "elements.3.type" for element rows
  elementRows: number[];
  elementSheet: string;
  columnOf(key: string, element: boolean): string;
}

interface Draft {
  code: string | null;
  providerCode: string;
  raw: Record<string, unknown>;
  origin: Origin;
}

const MAX_ROWS = 5000;

// ---------- reading cells ----------

type Cell = ExcelJS.CellValue;

function cellText(v: Cell): { text: string } | { error: string } {
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'string') return { text: v.trim() };
  if (typeof v === 'number' || typeof v === 'boolean') return { text: String(v) };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10) };
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) return { error: '不接受公式，请填写值 (formulas are not accepted: enter the value)' };
    if ('richText' in v)
      return {
        text: v.richText
          .map((t) => t.text)
          .join('')
          .trim(),
      };
    if ('text' in v) return { text: String(v.text).trim() };
    if ('error' in v) return { error: `单元格含错误值 ${v.error}` };
  }
  return { error: '无法识别的单元格内容 (unreadable cell)' };
}

function fromLabel(col: Column, text: string): { value: unknown } | { error: string } {
  if (text === '') return { value: undefined };
  if (col.kind === 'bool') {
    if ([YES, 'true', 'TRUE', 'Y', '1'].includes(text)) return { value: true };
    if ([NO, 'false', 'FALSE', 'N', '0'].includes(text)) return { value: false };
    return { error: `应填「${YES}」或「${NO}」` };
  }
  if (col.kind === 'number') {
    const n = Number(text);
    return Number.isFinite(n) ? { value: n } : { error: '应为数字' };
  }
  const one = (t: string): { value: string } | { error: string } => {
    if (!col.labels) return { value: t };
    const hit = Object.entries(col.labels).find(([k, label]) => label === t || k === t);
    return hit ? { value: hit[0] } : { error: `「${t}」不是可选值，可选：${Object.values(col.labels).join('、')}` };
  };
  if (col.kind === 'list') {
    const values: string[] = [];
    for (const part of text.split(/[、,，;；\s]+/).filter(Boolean)) {
      const r = one(part);
      if ('error' in r) return r;
      values.push(r.value);
    }
    return { value: values };
  }
  return one(text);
}

interface SheetRow {
  row: number;
  values: Record<string, unknown>;
  /** keys whose cells were already reported, so the schema does not report them again */
  failed: Set<string>;
}

function readSheet(ws: ExcelJS.Worksheet | undefined, name: string, columns: Column[], errors: ImportError[]): SheetRow[] {
  if (!ws) {
    errors.push({ sheet: name, row: 0, column: '', message: `缺少工作表「${name}」 (missing sheet)` });
    return [];
  }
  const errorsBefore = errors.length;
  const header = ws.getRow(1);
  const position = new Map<string, number>();
  header.eachCell((cell, col) => {
    const t = cellText(cell.value);
    if ('text' in t && t.text) position.set(t.text, col);
  });
  if (position.size > 200) {
    errors.push({ sheet: name, row: 1, column: '', message: `表头列数过多（${position.size}），请使用导出的模板` });
    return [];
  }
  for (const c of columns)
    if (c.required && !position.has(c.header))
      errors.push({ sheet: name, row: 1, column: c.header, message: `缺少必需的列「${c.header}」` });
  const known = new Set(columns.map((c) => c.header));
  for (const h of position.keys()) if (!known.has(h)) errors.push({ sheet: name, row: 1, column: h, message: `无法识别的列「${h}」` });
  if (errors.length > errorsBefore) return [];
  if (ws.rowCount > MAX_ROWS + 1) {
    errors.push({ sheet: name, row: MAX_ROWS + 2, column: '', message: `一次最多导入 ${MAX_ROWS} 行` });
    return [];
  }
  const rows: SheetRow[] = [];
  ws.eachRow((r, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, unknown> = {};
    const failed = new Set<string>();
    let empty = true;
    for (const c of columns) {
      const at = position.get(c.header);
      if (!at) continue;
      const t = cellText(r.getCell(at).value);
      if ('error' in t) {
        errors.push({ sheet: name, row: rowNumber, column: c.header, message: t.error });
        failed.add(c.key);
        empty = false;
        continue;
      }
      if (t.text) empty = false;
      const v = fromLabel(c, t.text);
      if ('error' in v) {
        errors.push({ sheet: name, row: rowNumber, column: c.header, message: v.error });
        failed.add(c.key);
      } else if (v.value !== undefined) values[c.key] = v.value;
    }
    if (!empty) rows.push({ row: rowNumber, values, failed });
  });
  return rows;
}

function headerOf(columns: Column[], key: string): string {
  if (key === 'elements') return '信息项';
  return columns.find((c) => c.key === key)?.header ?? key;
}

/** The value at a path of the raw draft: zod does not repeat the input in its issues. */
function valueAt(raw: unknown, path: PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** The schema's messages, for the common cases, in the words of the form. */
function zhIssue(issue: { code: string; message: string; input?: unknown; values?: unknown[] }): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return '必填项未填写 (required)';
  if (issue.code === 'invalid_value' && issue.values)
    return `「${String(issue.input)}」不是可选值，可选：${issue.values.map(String).join('、')}`;
  if (issue.code === 'invalid_type') return `类型不对 (${issue.message})`;
  if (issue.code === 'unrecognized_keys') return `无法识别的字段 (${issue.message})`;
  return issue.message;
}

export async function draftsFromWorkbook(buffer: Buffer, errors: ImportError[]): Promise<Draft[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    errors.push({ sheet: '', row: 0, column: '', message: '文件不是有效的 .xlsx 工作簿 (not a valid .xlsx workbook)' });
    return [];
  }
  const resources = readSheet(wb.getWorksheet(RESOURCE_SHEET), RESOURCE_SHEET, RESOURCE_COLUMNS, errors);
  const elements = readSheet(wb.getWorksheet(ELEMENT_SHEET), ELEMENT_SHEET, ELEMENT_COLUMNS, errors);
  const drafts: Draft[] = [];
  const byRef = new Map<string, Draft>();
  for (const r of resources) {
    const { code, provider, ...rest } = r.values as Record<string, unknown>;
    const draft: Draft = {
      code: (code as string) || null,
      providerCode: (provider as string) ?? '',
      raw: { ...rest, elements: [] as unknown[] },
      origin: {
        sheet: RESOURCE_SHEET,
        row: r.row,
        failed: new Set(r.failed),
        elementRows: [],
        elementSheet: ELEMENT_SHEET,
        columnOf: (key, element) => headerOf(element ? ELEMENT_COLUMNS : RESOURCE_COLUMNS, key),
      },
    };
    const ref = draft.code ?? `name:${String(rest.name ?? '')}`;
    if (byRef.has(ref))
      errors.push({ sheet: RESOURCE_SHEET, row: r.row, column: draft.code ? '资源代码' : '资源名称', message: '同一资源在表中出现了两次' });
    byRef.set(ref, draft);
    drafts.push(draft);
  }
  for (const e of elements) {
    const { resourceCode, resourceName, authoritativeUnit, ...element } = e.values as Record<string, unknown>;
    const draft: Draft | undefined =
      (resourceCode ? byRef.get(String(resourceCode)) : undefined) ??
      (resourceName ? byRef.get(`name:${String(resourceName)}`) : undefined);
    if (!draft) {
      errors.push({
        sheet: ELEMENT_SHEET,
        row: e.row,
        column: resourceCode ? '资源代码' : '资源名称',
        message: '找不到此信息项所属的资源（请与「资源目录」表的代码或名称一致）',
      });
      continue;
    }
    const index = (draft.raw.elements as unknown[]).push({ ...element, ...(authoritativeUnit ? { authoritativeUnit } : {}) }) - 1;
    for (const k of e.failed) draft.origin.failed.add(`elements.${index}.${k}`);
    draft.origin.elementRows.push(e.row);
  }
  return drafts;
}

export function draftsFromJson(items: unknown, errors: ImportError[]): Draft[] {
  if (!Array.isArray(items)) {
    errors.push({ sheet: 'JSON', row: 0, column: '', message: '应为资源数组 (an array of resources)' });
    return [];
  }
  if (items.length > MAX_ROWS) {
    // as for a workbook: too many is refused whole, never cut short silently
    errors.push({ sheet: 'JSON', row: MAX_ROWS + 1, column: '', message: `一次最多导入 ${MAX_ROWS} 个资源（本文件 ${items.length} 个）` });
    return [];
  }
  return items.map((item, i) => {
    const { code, provider, ...raw } = (item ?? {}) as Record<string, unknown>;
    return {
      code: typeof code === 'string' && code ? code : null,
      providerCode: typeof provider === 'string' ? provider : '',
      raw,
      origin: {
        sheet: 'JSON',
        row: i + 1,
        failed: new Set<string>(),
        elementRows: [],
        elementSheet: 'JSON',
        columnOf: (key, element) => (element ? `elements.${key}` : key),
      },
    };
  });
}

// ---------- checking and applying ----------

function pointAt(origin: Origin, path: (string | number)[]): { sheet: string; row: number; column: string } {
  if (path[0] === 'elements' && typeof path[1] === 'number') {
    // JSON has no element rows: the item's row, and the element's index in the column
    if (origin.sheet === 'JSON') return { sheet: 'JSON', row: origin.row, column: `elements[${path[1]}].${String(path[2] ?? 'name')}` };
    return {
      sheet: origin.elementSheet,
      row: origin.elementRows[path[1]] ?? origin.row,
      column: origin.columnOf(String(path[2] ?? 'name'), true),
    };
  }
  return { sheet: origin.sheet, row: origin.row, column: origin.columnOf(String(path[0] ?? ''), false) };
}

function fieldPath(field: string): (string | number)[] {
  const m = /^elements\[(\d+)\]\.(\w+)$/.exec(field);
  return m ? ['elements', Number(m[1]), m[2]!] : [field];
}

export async function importCatalog(
  ctx: AppContext,
  p: Principal,
  drafts: Draft[],
  errors: ImportError[],
  dryRun: boolean,
  meta: RequestMeta = {},
): Promise<ImportResult> {
  const { db } = ctx.database;
  const units = new Map((await db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code.toUpperCase(), u.id]));
  const knownCodes = new Set((await db.selectFrom('catalog_resources').select('code').execute()).map((r) => r.code));
  // what the import would do: only rows that create or change something are applied
  const changes: { draft: Draft; content: ResourceContent; providerUnitId: string; resourceId: string | null }[] = [];
  let unchanged = 0;
  for (const draft of drafts) {
    const at = (path: (string | number)[], message: string) => errors.push({ ...pointAt(draft.origin, path), message });
    const providerUnitId = draft.providerCode ? units.get(draft.providerCode.toUpperCase()) : p.unitId;
    if (!providerUnitId) at(['provider'], `单位编码「${draft.providerCode}」不存在`);
    const elements = (draft.raw.elements as Record<string, unknown>[] | undefined) ?? [];
    elements.forEach((e, i) => {
      const unitCode = e.authoritativeUnit;
      delete e.authoritativeUnit;
      if (unitCode === undefined || unitCode === null || unitCode === '') return;
      const id = units.get(String(unitCode).toUpperCase());
      if (!id) at(['elements', i, 'authoritativeUnit'], `单位编码「${String(unitCode)}」不存在`);
      e.authoritativeUnitId = id;
    });
    const parsed = resourceContentSchema.safeParse(draft.raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (!draft.origin.failed.has(issue.path.join('.')))
          at(issue.path as (string | number)[], zhIssue({ ...issue, input: valueAt(draft.raw, issue.path) }));
      }
      continue;
    }
    for (const v of checkConsistency(parsed.data)) at(fieldPath(v.field), v.message);
    const missingRelated = parsed.data.related.filter((code) => !knownCodes.has(code));
    if (missingRelated.length) at(['related'], `关联资源代码不存在：${missingRelated.join('、')}`);
    if (draft.code) {
      const existing = await db
        .selectFrom('catalog_resources')
        .select(['id', 'provider_unit_id', 'current_version', 'deprecated_at'])
        .where('code', '=', draft.code)
        .executeTakeFirst();
      if (!existing) {
        at(['code'], `资源代码「${draft.code}」不存在；新资源请留空代码`);
        continue;
      }
      const editable = canEdit(p, existing.provider_unit_id);
      // compare with what the importer sees: its working copy if it may edit, the published version otherwise
      const seen = await getResource(db, p, existing.id).catch(() => null);
      const changed = !seen || diffContent(seen, parsed.data).length > 0;
      if (!changed) {
        unchanged += 1;
        continue;
      }
      const fixed = seen ? changedCodeFields(seen, parsed.data) : [];
      if (!editable) at(['code'], "只能修改本单位提供的资源 (you may change only your own unit's resources)");
      else if (fixed.length) for (const f of fixed) at([f], '资源代码据此编制，创建后不能更改 (fixed after creation)');
      else if (providerUnitId && existing.provider_unit_id !== providerUnitId) at(['provider'], '不能通过导入更改资源的提供单位');
      else if (existing.deprecated_at) at(['code'], '资源已废止，不能再修改 (the resource is deprecated)');
      else if (seen && (seen.status === 'submitted' || seen.status === 'approved'))
        at(['code'], `资源正在审核（${seen.status === 'submitted' ? '待审核' : '已审核待发布'}），审核结束前不能修改`);
      else if (providerUnitId) changes.push({ draft, content: parsed.data, providerUnitId, resourceId: existing.id });
      continue;
    }
    if (providerUnitId && !canEdit(p, providerUnitId)) at(['provider'], '只能为本单位新建资源');
    else if (providerUnitId) changes.push({ draft, content: parsed.data, providerUnitId, resourceId: null });
  }
  const result: ImportResult = {
    applied: false,
    created: changes.filter((c) => !c.resourceId).length,
    updated: changes.filter((c) => c.resourceId).length,
    unchanged,
    errors,
  };
  if (errors.length || dryRun) return result;

  await ctx.audit.transaction(actorOf(p, meta), async (trx, trail) => {
    for (const c of changes) {
      if (c.resourceId) {
        const id = c.resourceId;
        await saveInTransaction(ctx, trx, p, id, c.content, (details) =>
          trail.record({ action: 'catalog.resource.update', objectType: 'resource', objectId: id, details: { ...details, via: 'import' } }),
        );
      } else {
        await createInTransaction(ctx, trx, p, c.providerUnitId, c.content, (id, code) =>
          trail.record({
            action: 'catalog.resource.create',
            objectType: 'resource',
            objectId: id,
            details: { code, name: c.content.name, via: 'import' },
          }),
        );
      }
    }
    trail.record({
      action: 'catalog.import',
      objectType: 'catalog',
      details: { created: result.created, updated: result.updated, unchanged: result.unchanged },
    });
  });
  result.applied = true;
  return result;
}

export function assertImportable(contentType: string | undefined): 'xlsx' | 'json' {
  if (contentType?.startsWith('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')) return 'xlsx';
  if (contentType?.startsWith('application/json')) return 'json';
  throw badRequest('unsupported_media_type', '请上传 .xlsx 工作簿或 JSON (upload an .xlsx workbook or JSON)');
}
