// Turns a failed call into the sentence to show. The server's own message wins (it knows the
// policy: password rules, separation of duties, lock times); ours only fills in when it has none.
import { ApiError } from './api';
import type { Lang, Translate } from './i18n';

export function errorText(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.code === 'network_error') return t('error.network');
    if (err.message) return err.message;
  }
  return t('error.generic');
}

export function isForbidden(err: unknown): boolean {
  return err instanceof ApiError && err.status === 403;
}

/**
 * The server writes its messages in both languages, `中文说明 (English text)`. Where a message sits
 * beside a field, show the part in the console's language; anything else is shown whole.
 */
export function localText(message: string, lang: Lang): string {
  const m = /^(.*\S)\s+\(([^()]+)\)$/s.exec(message.trim());
  if (!m) return message;
  return lang === 'zh-CN' ? m[1]! : m[2]!;
}
