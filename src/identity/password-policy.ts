// Password policy (GB/T 22239 level-3 practice): length, character classes, not the user name.
import { badRequest } from '../platform/errors.js';

export const PASSWORD_MIN_LENGTH = 10;

export function checkPasswordPolicy(password: string, username: string): void {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`至少 ${PASSWORD_MIN_LENGTH} 位 (at least ${PASSWORD_MIN_LENGTH} characters)`);
  if (password.length > 128) problems.push('不超过 128 位 (at most 128 characters)');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) problems.push('需包含大写字母、小写字母、数字、符号中的至少三类 (three of: upper, lower, digit, symbol)');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('不得包含用户名 (must not contain the user name)');
  if (problems.length) throw badRequest('weak_password', `密码不符合要求：${problems.join('；')}`, { problems });
}
