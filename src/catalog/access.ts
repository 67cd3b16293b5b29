// Who may see and change which resource: a department edits only its own; the platform service unit
// and the data operator (R4.1.4) edit all; the regulator and the others read.
import { forbidden, notFound } from '../platform/errors.js';
import { scopeOf, type Principal } from '../identity/index.js';

export function canEdit(p: Principal, providerUnitId: string): boolean {
  const scope = scopeOf(p, 'catalog.edit');
  return scope === 'all' || (scope === 'own_unit' && p.unitId === providerUnitId);
}

export function assertCanEdit(p: Principal, providerUnitId: string): void {
  if (!canEdit(p, providerUnitId))
    throw forbidden('not_your_resource', "只能编辑本单位提供的资源 (you may edit only your own unit's resources)");
}

/** Whether the principal sees unpublished versions of the resource (its working copy). */
export function seesWorkingCopy(p: Principal, providerUnitId: string): boolean {
  return canEdit(p, providerUnitId) || scopeOf(p, 'catalog.review') === 'all' || p.roles.includes('regulator');
}

export function hidden(): never {
  throw notFound('resource_not_found', '资源不存在 (resource not found)');
}
