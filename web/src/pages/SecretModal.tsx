// Shows a new credential's secret. The server keeps only a hash of it, so this is the one and only
// time anyone can read it: the modal says so and offers a copy button.
import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useI18n } from '../i18n';
import type { NewCredential } from '../types';

export function SecretModal({ credential, onClose }: { credential: NewCredential | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={!!credential}
      title={t('credentials.secretTitle')}
      onCancel={onClose}
      // Closing by a stray click outside would lose the secret for good.
      mask={{ closable: false }}
      footer={<Button type="primary" onClick={onClose}>{t('common.ok')}</Button>}
      width={600}
    >
      {credential && (
        <>
          <Alert type="warning" showIcon title={t('credentials.secretWarning')} style={{ marginBottom: 16 }} />
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              { key: 'name', label: t('credentials.name'), children: credential.name },
              {
                key: 'keyId',
                label: t('credentials.keyId'),
                children: <Typography.Text copyable code>{credential.keyId}</Typography.Text>,
              },
              {
                key: 'secret',
                label: t('credentials.secret'),
                children: (
                  <Typography.Text copyable code data-testid="credential-secret" style={{ wordBreak: 'break-all' }}>
                    {credential.secret}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
