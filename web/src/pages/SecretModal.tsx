// Shows a new credential's secret. The server keeps only a hash of it, so this is the one and only
// time anyone can read it.
import { Typography } from 'antd';
import { ShownOnceModal } from '../components/ShownOnceModal';
import { useI18n } from '../i18n';
import type { NewCredential } from '../types';

export function SecretModal({ credential, onClose }: { credential: NewCredential | null; onClose: () => void }) {
  const { t } = useI18n();
  if (!credential) return null;
  return (
    <ShownOnceModal
      title={t('credentials.secretTitle')}
      warning={t('credentials.secretWarning')}
      items={[
        { key: 'name', label: t('credentials.name'), children: credential.name },
        {
          key: 'keyId',
          label: t('credentials.keyId'),
          children: (
            <Typography.Text copyable code>
              {credential.keyId}
            </Typography.Text>
          ),
        },
      ]}
      secret={{ label: t('credentials.secret'), value: credential.secret, testId: 'credential-secret' }}
      onClose={onClose}
    />
  );
}
