// Shared input schemas. Free-text fields accept any language's letters and the punctuation that
// organisation and person names use, and refuse the characters that carry markup or SQL (< > " ' ; ` = and "--"):
// such input is a mistake or an attack, and gets a clear 400 instead of being stored.
import { z } from 'zod';

// Full-width punctuation (《》“”「」；…) is ordinary Chinese writing and carries no markup or SQL meaning.
const SAFE_TEXT = /^[\p{L}\p{N}\p{M}\p{Zs}()（）·•\-_.,，、。:：；/@#&+*!?！？【】[\]{}%~^|\\《》〈〉“”‘’「」『』…—～]*$/u;

const REFUSED = '含有不允许的字符，如 < > " \' ; ` = 或 -- (contains characters that are not allowed)';

function textSchema(max: number, min: number, acceptable: (s: string) => boolean) {
  return z
    .string()
    .trim()
    .min(min, `至少 ${min} 个字符 (at least ${min} characters)`)
    .max(max, `不超过 ${max} 个字符 (at most ${max} characters)`)
    .refine((s) => acceptable(s) && !s.includes('--'), REFUSED);
}

export function safeText(max: number, min = 1) {
  return textSchema(max, min, (s) => SAFE_TEXT.test(s));
}

/** Like safeText, for comments and reasons that may run over several lines. */
export function multilineText(max: number, min = 0) {
  return textSchema(max, min, (s) => s.split(/\r?\n/).every((line) => SAFE_TEXT.test(line)));
}

export const codeSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$/,
    '编码只能包含字母、数字、下划线、点和连字符，2–64 位 (letters, digits, _ . -; 2–64 characters)',
  );

export const usernameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名须以小写字母开头，3–32 位小写字母、数字、_ . - (lower-case user name, 3–32 characters)');

export const idSchema = z.string().uuid('无效的编号 (invalid id)');

export const isoTimeSchema = z.string().datetime({ offset: true, message: '时间格式须为 ISO 8601 (ISO 8601 time required)' });

/**
 * The largest number an integer column holds on both engines (PostgreSQL's `integer`): a version or record
 * number beyond it names nothing, and PostgreSQL refuses to compare a column with it at all.
 */
export const MAX_INTEGER = 2_147_483_647;

/** A yes/no query parameter: `true` or `false`, nothing else (z.coerce.boolean would read "false" as true). */
export const queryFlag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');

export const pageSchema = z.coerce.number().int().min(1).max(100_000).default(1);
export const pageSizeSchema = z.coerce.number().int().min(1).max(200).default(20);

export const errorSchema = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });
