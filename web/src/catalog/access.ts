// Which buttons to offer on a resource. The server decides (src/catalog/access.ts); the console asks
// the same permission table (src/identity/roles.ts, already shared for role names) so that it does
// not offer a department an action on another department's resource only to have it refused.
import { scopeFor, type Role } from '../../../src/identity/roles';
import type { CurrentUser } from '../types';

/** catalog.edit for every unit (platform service unit, data operator) rather than one's own. */
export function editsEveryUnit(user: CurrentUser): boolean {
  return scopeFor(user.roles as Role[], 'catalog.edit') === 'all';
}

export function canEditResource(user: CurrentUser, providerUnitId: string): boolean {
  const scope = scopeFor(user.roles as Role[], 'catalog.edit');
  return scope === 'all' || (scope === 'own_unit' && user.unitId === providerUnitId);
}

export function canReview(user: CurrentUser): boolean {
  return scopeFor(user.roles as Role[], 'catalog.review') === 'all';
}
