// Roles and the permission table: the one place that says who may do what (default deny).
// Unit types and role ids follow ../shared/regulation/clauses.md ("Who is who").

export const UNIT_TYPES = [
  'regulator',
  'platform_service_unit',
  'data_operator',
  'construction_unit',
  'department',
  'secondary_developer',
  'third_party_assessor',
  'superior_authority',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const ROLES = [
  'sys_admin', // 系统管理员: units and accounts
  'sec_admin', // 安全管理员: role assignment, unlocks, credential revocation, the three officers' accounts
  'auditor', // 安全审计员: the only reader of the audit log
  'regulator', // 监管人员 of the city data authority
  'platform_staff', // 平台技术服务人员
  'operator_staff', // 数据运营人员
  'construction_staff', // 集约化建设人员
  'department_staff', // 部门数据专员 (producer / consumer)
  'developer', // 二级开发主体人员
  'assessor', // 第三方评估人员
  'superior', // 上级主管单位人员
] as const;
export type Role = (typeof ROLES)[number];

/** 三员分立: no account may hold two of these. */
export const SEPARATED_ROLES: readonly Role[] = ['sys_admin', 'sec_admin', 'auditor'];

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  sys_admin: { zh: '系统管理员', en: 'System administrator' },
  sec_admin: { zh: '安全管理员', en: 'Security administrator' },
  auditor: { zh: '安全审计员', en: 'Security auditor' },
  regulator: { zh: '监管人员', en: 'Regulator' },
  platform_staff: { zh: '平台技术服务人员', en: 'Platform service staff' },
  operator_staff: { zh: '数据运营人员', en: 'Data operator staff' },
  construction_staff: { zh: '建设单位人员', en: 'Construction unit staff' },
  department_staff: { zh: '部门数据专员', en: 'Department data officer' },
  developer: { zh: '二级开发人员', en: 'Secondary developer' },
  assessor: { zh: '第三方评估人员', en: 'Third-party assessor' },
  superior: { zh: '上级主管单位人员', en: 'Superior authority staff' },
};

/**
 * Which unit types a role may be given to. The triad of administrators sits in the platform
 * service unit, except the auditor, who may also sit in the regulator (the regulator must be
 * able to prove what happened without trusting the platform's own administrators).
 */
export const ROLE_UNIT_TYPES: Record<Role, readonly UnitType[]> = {
  sys_admin: ['platform_service_unit'],
  sec_admin: ['platform_service_unit'],
  auditor: ['regulator', 'platform_service_unit'],
  regulator: ['regulator'],
  platform_staff: ['platform_service_unit'],
  operator_staff: ['data_operator'],
  construction_staff: ['construction_unit'],
  department_staff: ['department'],
  developer: ['secondary_developer'],
  assessor: ['third_party_assessor'],
  superior: ['superior_authority'],
};

/** `all`: every unit's objects; `own_unit`: only objects of the user's own unit. */
export type Scope = 'all' | 'own_unit';

export const PERMISSIONS = {
  'units.read': { sys_admin: 'all', sec_admin: 'all', regulator: 'all', platform_staff: 'all', auditor: 'all' },
  'units.manage': { sys_admin: 'all' },
  'users.read': { sys_admin: 'all', sec_admin: 'all' },
  /** ordinary accounts: everyone's but the three officers' (系统管理员、安全管理员、安全审计员) */
  'users.manage': { sys_admin: 'all' },
  /** the three officers' accounts: the security administrator alone changes their state (三员分立) */
  'officers.manage': { sec_admin: 'all' },
  'users.unlock': { sec_admin: 'all' },
  'roles.read': { sys_admin: 'all', sec_admin: 'all' },
  'roles.assign': { sec_admin: 'all' },
  'audit.read': { auditor: 'all' },
  'audit.export': { auditor: 'all' },
  'audit.verify': { auditor: 'all' },
  /** create credentials for oneself */
  'credentials.own': {
    platform_staff: 'own_unit',
    operator_staff: 'own_unit',
    construction_staff: 'own_unit',
    department_staff: 'own_unit',
    developer: 'own_unit',
  },
  /** list and revoke: one's own credentials, or everyone's for the security administrator */
  'credentials.read': {
    sec_admin: 'all',
    platform_staff: 'own_unit',
    operator_staff: 'own_unit',
    construction_staff: 'own_unit',
    department_staff: 'own_unit',
    developer: 'own_unit',
  },
  'credentials.revoke_any': { sec_admin: 'all' },
  /** published resources for all these roles; drafts only of one's own unit unless `all` for edit */
  'catalog.read': {
    regulator: 'all',
    platform_staff: 'all',
    operator_staff: 'all',
    construction_staff: 'all',
    department_staff: 'all',
    assessor: 'all',
  },
  'catalog.edit': { department_staff: 'own_unit', platform_staff: 'all', operator_staff: 'all' },
  'catalog.review': { platform_staff: 'all' },
  'collection.manage': { platform_staff: 'all' },
  'opencatalog.review': { platform_staff: 'all' },
  /** submit batches: a department for the resources it produces; the platform and the operator for any (R4.1.5) */
  'batches.submit': { department_staff: 'own_unit', platform_staff: 'all', operator_staff: 'all' },
  'batches.read': { department_staff: 'own_unit', platform_staff: 'all', operator_staff: 'all', regulator: 'all' },
  'rules.read': { department_staff: 'own_unit', platform_staff: 'all', operator_staff: 'all', regulator: 'all' },
  /** governance rules are the platform's and the operator's work (R3.1.3, R4.1.6) */
  'rules.manage': { platform_staff: 'all', operator_staff: 'all' },
  /** problem tickets: the producer sees and corrects its own; the platform all; supervision reads all */
  'tickets.read': { department_staff: 'own_unit', platform_staff: 'all', operator_staff: 'all', regulator: 'all' },
  'tickets.correct': { department_staff: 'own_unit', platform_staff: 'all' },
  'tickets.decide': { platform_staff: 'all' },
  'quality.read': { department_staff: 'own_unit', platform_staff: 'all', operator_staff: 'all', regulator: 'all' },
  'libraries.read': { platform_staff: 'all', operator_staff: 'all', regulator: 'all' },
  'libraries.manage': { platform_staff: 'all', operator_staff: 'all' },
  'notifications.read': { department_staff: 'own_unit', platform_staff: 'own_unit', operator_staff: 'own_unit', regulator: 'own_unit' },
  'webhooks.manage': { department_staff: 'own_unit', platform_staff: 'own_unit', operator_staff: 'own_unit' },
} as const satisfies Record<string, Partial<Record<Role, Scope>>>;

export type Permission = keyof typeof PERMISSIONS;

/** The widest scope any of the roles gives for a permission, or null when none grants it. */
export function scopeFor(roles: readonly Role[], permission: Permission): Scope | null {
  const grants = PERMISSIONS[permission] as Partial<Record<Role, Scope>>;
  let best: Scope | null = null;
  for (const role of roles) {
    const s = grants[role];
    if (s === 'all') return 'all';
    if (s) best = s;
  }
  return best;
}

export function permissionsOf(roles: readonly Role[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => scopeFor(roles, p) !== null);
}
