// Exports the catalog a caller may see as the department workbook (.xlsx) or as JSON.
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB, DbAdapter } from '../platform/db/index.js';
import type { Principal } from '../identity/index.js';
import { getResource, searchCatalog } from './queries.js';
import type { ResourceView } from './store.js';
import { ELEMENT_COLUMNS, ELEMENT_SHEET, NO, RESOURCE_COLUMNS, RESOURCE_SHEET, YES, type Column } from './workbook-layout.js';

export async function visibleResources(db: Kysely<DB>, adapter: DbAdapter, p: Principal): Promise<ResourceView[]> {
  const out: ResourceView[] = [];
  for (let page = 1; ; page++) {
    const { items } = await searchCatalog(db, adapter, p, {}, page, 200);
    for (const s of items) out.push(await getResource(db, p, s.id));
    if (items.length < 200) break;
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

function cellValue(col: Column, value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (col.kind === 'bool') return value ? YES : NO;
  if (col.kind === 'list') return (value as string[]).map((v) => col.labels?.[v] ?? v).join('、');
  if (col.labels) return col.labels[String(value)] ?? String(value);
  if (col.kind === 'number') return Number(value);
  return String(value);
}

function addSheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: Record<string, unknown>[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 12 }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(Object.fromEntries(columns.map((c) => [c.key, cellValue(c, row[c.key])])));
  // drop-down lists of the allowed values, so that people choose instead of type
  columns.forEach((c, i) => {
    const values = c.kind === 'bool' ? [YES, NO] : c.labels && c.kind !== 'list' ? Object.values(c.labels) : null;
    if (!values) return;
    const letter = ws.getColumn(i + 1).letter;
    for (let r = 2; r <= Math.max(rows.length + 200, 500); r++) {
      ws.getCell(`${letter}${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`] };
    }
  });
}

export async function catalogWorkbook(resources: ResourceView[], unitCodes: Map<string, string>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongshu 公数';
  wb.created = new Date(0); // a fixed date keeps exports of the same catalog byte-comparable
  addSheet(
    wb,
    RESOURCE_SHEET,
    RESOURCE_COLUMNS,
    resources.map((r) => ({ ...r, provider: unitCodes.get(r.providerUnitId) ?? '' })),
  );
  addSheet(
    wb,
    ELEMENT_SHEET,
    ELEMENT_COLUMNS,
    resources.flatMap((r) =>
      r.elements.map((e) => ({
        ...e,
        resourceCode: r.code,
        resourceName: r.name,
        authoritativeUnit: e.authoritativeUnitId ? (unitCodes.get(e.authoritativeUnitId) ?? '') : '',
      })),
    ),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** JSON export: the same content, with unit codes instead of ids so it travels between installations. */
export function catalogJson(resources: ResourceView[], unitCodes: Map<string, string>) {
  return resources.map((r) => ({
    code: r.code,
    provider: unitCodes.get(r.providerUnitId) ?? '',
    name: r.name,
    summary: r.summary,
    kind: r.kind,
    baseCategory: r.baseCategory ?? null,
    subject: r.subject,
    format: r.format,
    updateCycle: r.updateCycle,
    publishDate: r.publishDate ?? null,
    related: r.related,
    sharingType: r.sharingType,
    sharingCondition: r.sharingCondition ?? null,
    sharingModes: r.sharingModes,
    sharingLegalBasis: r.sharingLegalBasis ?? null,
    openType: r.openType,
    openCondition: r.openCondition ?? null,
    grade: r.grade,
    gradeLevel: r.gradeLevel ?? null,
    gradingRationale: r.gradingRationale,
    elements: r.elements.map(({ authoritativeUnitId, ...e }) => ({
      ...e,
      authoritativeUnit: authoritativeUnitId ? (unitCodes.get(authoritativeUnitId) ?? '') : null,
    })),
  }));
}
