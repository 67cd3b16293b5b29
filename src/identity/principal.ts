// The authenticated party of a request: a console/API user, or a machine client using an API credential.
import type { AuditActor } from '../audit/index.js';
import { forbidden } from '../platform/errors.js';
import { permissionsOf, scopeFor, type Permission, type Role, type Scope, type UnitType } from './roles.js';

export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  unitType: UnitType;
  roles: Role[];
  lastLoginAt: string | null;
  /** The password was set by someone else (or is too old): a session may only change it (see http/guard.ts). */
  mustChangePassword?: boolean;
  /** Set when the request came with an API credential rather than a session. */
  credential: { id: string; keyId: string } | null;
  sessionId: string | null;
}

/** Where a request came from, carried into its audit entries. */
export interface RequestMeta {
  ip?: string | null;
  requestId?: string | null;
}

export function actorOf(p: Principal, meta: RequestMeta = {}): AuditActor {
  const { ip, requestId } = meta;
  return p.credential
    ? { type: 'credential', id: p.credential.keyId, name: `${p.username}/${p.credential.keyId}`, unitId: p.unitId, ip, requestId }
    : { type: 'user', id: p.userId, name: p.username, unitId: p.unitId, ip, requestId };
}

export function scopeOf(p: Principal, permission: Permission): Scope | null {
  return scopeFor(p.roles, permission);
}

/** Throws 403 unless the principal may act on an object of `unitId` under `permission`. */
export function assertUnitAccess(p: Principal, permission: Permission, unitId: string): void {
  const scope = scopeOf(p, permission);
  if (scope === 'all' || (scope === 'own_unit' && unitId === p.unitId)) return;
  throw forbidden('forbidden', "无权访问其他单位的数据 (no access to another unit's objects)", { permission });
}

export function principalView(p: Principal) {
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    unitId: p.unitId,
    unitName: p.unitName,
    unitType: p.unitType,
    roles: p.roles,
    permissions: permissionsOf(p.roles),
    lastLoginAt: p.lastLoginAt,
    mustChangePassword: p.mustChangePassword ?? false,
  };
}
