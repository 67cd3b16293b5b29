// Shows the temporary password of a reset. The server keeps only its hash and never logs it, so this is
// the one time anyone can read it.
import { ShownOnceModal } from '../components/ShownOnceModal';
import { useI18n } from '../i18n';
import type { PasswordReset } from '../types';

export function ResetPasswordModal({ reset, onClose }: { reset: PasswordReset | null; onClose: () => void }) {
  const { t } = useI18n();
  if (!reset) return null;
  return (
    <ShownOnceModal
      title={t('users.resetTitle')}
      warning={t('users.resetWarning')}
      items={[{ key: 'username', label: t('users.username'), children: reset.username }]}
      secret={{ label: t('users.temporaryPassword'), value: reset.temporaryPassword, testId: 'temporary-password' }}
      width={520}
      onClose={onClose}
    />
  );
}
