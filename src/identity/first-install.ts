// A new installation's first accounts: the platform service unit with its system and security
// administrators, and the regulator with its security auditor (三员分立 from the first minute).
// Passwords are random, shown once, and meant to be changed at first login.
import { randomInt } from 'node:crypto';
import type { AppContext } from '../app/context.js';
import { SYSTEM_ACTOR } from '../audit/index.js';
import { newId } from '../platform/crypto/index.js';
import { conflict } from '../platform/errors.js';
import { bootstrapIdentity, type AccountSpec, type UnitSpec } from './bootstrap.js';

export interface FirstInstallInput {
  platformUnit: { code: string; name: string };
  regulatorUnit: { code: string; name: string };
}

export interface FirstAccount {
  username: string;
  role: string;
  unit: string;
  password: string;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const SYMBOLS = '@#%+=!';

/** 16 characters with every class the policy asks for. */
export function randomPassword(): string {
  const pick = (set: string) => set[randomInt(set.length)]!;
  const chars = [pick('ABCDEFGHJKLMNPQRSTUVWXYZ'), pick('abcdefghijkmnopqrstuvwxyz'), pick('23456789'), pick(SYMBOLS)];
  while (chars.length < 16) chars.push(pick(ALPHABET));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

export async function firstInstall(ctx: AppContext, input: FirstInstallInput): Promise<FirstAccount[]> {
  const any = await ctx.database.db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  if (any) throw conflict('already_installed', '数据库中已有单位：初始化只用于全新安装 (the database already has units)');
  const platform: UnitSpec = { id: newId(), code: input.platformUnit.code, name: input.platformUnit.name, type: 'platform_service_unit' };
  const regulator: UnitSpec = { id: newId(), code: input.regulatorUnit.code, name: input.regulatorUnit.name, type: 'regulator' };
  const accounts: (AccountSpec & { password: string })[] = [
    { id: newId(), username: 'sysadmin', displayName: '系统管理员', unitId: platform.id, roles: ['sys_admin'], password: randomPassword() },
    { id: newId(), username: 'secadmin', displayName: '安全管理员', unitId: platform.id, roles: ['sec_admin'], password: randomPassword() },
    { id: newId(), username: 'auditor', displayName: '安全审计员', unitId: regulator.id, roles: ['auditor'], password: randomPassword() },
  ];
  // one account at a time: each gets its own password
  await bootstrapIdentity(ctx, { ...SYSTEM_ACTOR, name: 'cli:init' }, [platform, regulator], [], randomPassword());
  for (const a of accounts)
    await bootstrapIdentity(ctx, { ...SYSTEM_ACTOR, name: 'cli:init' }, [], [a], a.password, [platform, regulator], {
      mustChangePassword: true,
    });
  return accounts.map((a) => ({
    username: a.username,
    role: a.roles[0]!,
    unit: a.unitId === platform.id ? platform.name : regulator.name,
    password: a.password,
  }));
}
