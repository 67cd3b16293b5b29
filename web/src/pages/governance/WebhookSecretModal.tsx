// Shows a new webhook's signing secret, the one time it is ever shown, with a copy button and how the
// receiver checks a delivery with it: the header x-gongshu-signature carries the hex HMAC-SM3 of the
// raw body under this secret (src/governance/webhooks.ts).
import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import type { NewWebhook } from '../../governance/types';
import { useI18n } from '../../i18n';

export function WebhookSecretModal({ webhook, onClose }: { webhook: NewWebhook | null; onClose: () => void }) {
  const { t } = useI18n();
  // Unmounted at once when closed (no closing animation to wait for), so the secret leaves the page with it.
  if (!webhook) return null;
  return (
    <Modal
      open
      title={t('gov.webhook.secretTitle')}
      onCancel={onClose}
      // Closing by a stray click outside would lose the secret for good.
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="webhook-secret-close">
          {t('common.ok')}
        </Button>
      }
      width={680}
    >
      <>
        <Alert type="warning" showIcon title={t('gov.webhook.secretWarning')} style={{ marginBottom: 16 }} />
        <Descriptions
          column={1}
          bordered
          size="small"
          styles={{ label: { width: 140 } }}
          items={[
            {
              key: 'url',
              label: t('gov.webhook.url'),
              children: <Typography.Text style={{ wordBreak: 'break-all' }}>{webhook.url}</Typography.Text>,
            },
            {
              key: 'secret',
              label: t('gov.webhook.secret'),
              children: (
                <Typography.Text copyable code data-testid="webhook-secret" style={{ wordBreak: 'break-all' }}>
                  {webhook.secret}
                </Typography.Text>
              ),
            },
          ]}
        />
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 8 }}>{t('gov.webhook.signatureHint')}</Typography.Paragraph>
        <Typography.Paragraph>
          <Typography.Text code data-testid="webhook-signature-header">
            x-gongshu-signature: hmac-sm3={t('gov.webhook.signatureValue')}
          </Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('gov.webhook.headersHint')}
        </Typography.Paragraph>
      </>
    </Modal>
  );
}
