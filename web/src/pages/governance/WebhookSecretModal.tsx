// Shows a new webhook's signing secret, the one time it is ever shown, with a copy button and how the
// receiver checks a delivery with it: the header x-gongshu-signature carries the hex HMAC-SM3 of the
// raw body under this secret (src/governance/webhooks.ts).
import { Typography } from 'antd';
import { ShownOnceModal } from '../../components/ShownOnceModal';
import type { NewWebhook } from '../../governance/types';
import { useI18n } from '../../i18n';

export function WebhookSecretModal({ webhook, onClose }: { webhook: NewWebhook | null; onClose: () => void }) {
  const { t } = useI18n();
  if (!webhook) return null;
  return (
    <ShownOnceModal
      title={t('gov.webhook.secretTitle')}
      warning={t('gov.webhook.secretWarning')}
      items={[
        {
          key: 'url',
          label: t('gov.webhook.url'),
          children: <Typography.Text style={{ wordBreak: 'break-all' }}>{webhook.url}</Typography.Text>,
        },
      ]}
      secret={{ label: t('gov.webhook.secret'), value: webhook.secret, testId: 'webhook-secret' }}
      width={680}
      labelWidth={140}
      closeTestId="webhook-secret-close"
      onClose={onClose}
    >
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 8 }}>{t('gov.webhook.signatureHint')}</Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text code data-testid="webhook-signature-header">
          x-gongshu-signature: hmac-sm3={t('gov.webhook.signatureValue')}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('gov.webhook.headersHint')}
      </Typography.Paragraph>
    </ShownOnceModal>
  );
}
