// Shapes of the API's JSON as the console uses them (the contract in the server's /api/v1).
// Times are ISO strings in UTC; they are turned into Asia/Shanghai only when shown.

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  unitType: string;
  roles: string[];
  permissions: string[];
  lastLoginAt: string | null;
  /** Set by an administrator (new account, reset) or by password age: only the password change is open. */
  mustChangePassword: boolean;
}

export interface ListResponse<T> {
  items: T[];
}

export type Status = 'active' | 'disabled';

export interface Unit {
  id: string;
  code: string;
  name: string;
  type: string;
  parentId: string | null;
  status: Status;
  createdAt: string;
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  roles: string[];
  status: Status;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  mustChangePassword: boolean;
  createdAt: string;
}

/** The answer to a password reset: the temporary password is shown once. */
export interface PasswordReset {
  userId: string;
  username: string;
  temporaryPassword: string;
  sessionsEnded: number;
}

export interface RoleInfo {
  code: string;
  nameZh: string;
  nameEn: string;
  unitTypes: string[];
  permissions: string[];
  separated: boolean;
}

export interface Credential {
  id: string;
  keyId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewCredential {
  id: string;
  keyId: string;
  secret: string;
  name: string;
  createdAt: string;
}

export type Outcome = 'success' | 'denied' | 'failure';

export interface AuditEntry {
  seq: number;
  at: string;
  actorType: 'user' | 'credential' | 'system';
  actorId: string | null;
  actorName: string | null;
  unitId: string | null;
  unitName: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: Outcome;
  ip: string | null;
  requestId: string | null;
  details: unknown;
  prevHash: string;
  hash: string;
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AuditVerify {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  reason: string | null;
  lastCheckpoint: { seq: number; at: string } | null;
  lastSeq: number;
  /** The newest checkpoint signed by a trusted key (the server's own key file or configured keys). */
  signedHead: { seq: number; at: string; keyId: string } | null;
  unsignedTail: number;
  /** `incremental`: only entries since the server's last check were read (see fullVerifiedAt). */
  mode: 'full' | 'incremental';
  fullVerifiedAt: string;
}
