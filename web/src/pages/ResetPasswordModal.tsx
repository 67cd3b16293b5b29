// Shows the temporary password of a reset. The server keeps only its hash and never logs it, so this is
// the one time anyone can read it: the modal says so, offers a copy button, and does not close by a stray click.
import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useI18n } from '../i18n';
import type { PasswordReset } from '../types';

export function ResetPasswordModal({ reset, onClose }: { reset: PasswordReset | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={!!reset}
      title={t('users.resetTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      // the password leaves the page with the modal, not just the screen
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.ok')}
        </Button>
      }
      width={520}
    >
      {reset && (
        <>
          <Alert type="warning" showIcon title={t('users.resetWarning')} style={{ marginBottom: 16 }} />
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              { key: 'username', label: t('users.username'), children: reset.username },
              {
                key: 'password',
                label: t('users.temporaryPassword'),
                children: (
                  <Typography.Text copyable code data-testid="temporary-password">
                    {reset.temporaryPassword}
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
