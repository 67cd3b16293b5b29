// Turns a failed call into the sentence to show. The server's own message wins (it knows the
// policy: password rules, separation of duties, lock times); ours only fills in when it has none.
import { ApiError } from './api';
import type { Translate } from './i18n';

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
