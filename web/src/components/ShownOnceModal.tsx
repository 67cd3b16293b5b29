// A secret the server shows once and keeps only a hash of (an API credential's secret, a temporary
// password, a webhook's signing key): the modal says so, offers a copy button beside the secret, and
// does not close by a stray click outside. Nothing is rendered while closed, so the secret leaves the
// page with the modal, not just the screen.
import { Alert, Button, Descriptions, Modal, Typography, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

interface Props {
  title: string;
  warning: string;
  /** What the secret belongs to, shown above it. */
  items: NonNullable<DescriptionsProps['items']>;
  secret: { label: string; value: string; testId: string };
  /** Anything the reader needs next, below the secret. */
  children?: ReactNode;
  width?: number;
  labelWidth?: number;
  closeTestId?: string;
  onClose: () => void;
}

export function ShownOnceModal({ title, warning, items, secret, children, width = 600, labelWidth, closeTestId, onClose }: Props) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid={closeTestId}>
          {t('common.ok')}
        </Button>
      }
      width={width}
    >
      <Alert type="warning" showIcon title={warning} style={{ marginBottom: 16 }} />
      <Descriptions
        column={1}
        bordered
        size="small"
        styles={labelWidth ? { label: { width: labelWidth } } : undefined}
        items={[
          ...items,
          {
            key: 'secret',
            label: secret.label,
            children: (
              <Typography.Text copyable code data-testid={secret.testId} style={{ wordBreak: 'break-all' }}>
                {secret.value}
              </Typography.Text>
            ),
          },
        ]}
      />
      {children}
    </Modal>
  );
}
