// 事件推送 (/governance/webhooks): the URLs to which one's unit has events pushed (a new problem ticket, a
// dispute decided), each with its latest deliveries: the event, whether it arrived, how many attempts,
// the last error and when. Registering shows the signing secret once; deactivating is final. Every unit
// manages its own (`webhooks.manage` is scoped to one's unit), so nothing here names a unit.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { LoadError } from '../../components/LoadError';
import { errorText, localText } from '../../errors';
import { formatTime } from '../../format';
import { DeliveryStatusTag } from '../../governance/StatusTags';
import type { NewWebhook, Webhook, WebhookDelivery } from '../../governance/types';
import { govLabel } from '../../governance/vocab';
import { useI18n } from '../../i18n';
import type { ListResponse } from '../../types';
import { useApi } from '../../use-api';
import { WebhookSecretModal } from './WebhookSecretModal';

/** What the server accepts (src/governance/webhooks.ts checkUrl): http or https; it says why otherwise. */
const URL_PATTERN = /^https?:\/\/\S+$/i;

export function WebhooksPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const list = useApi('webhooks', () => api.get<ListResponse<Webhook>>('/api/v1/webhooks'));
  const [form] = Form.useForm<{ url: string }>();
  const [registering, setRegistering] = useState(false);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<NewWebhook | null>(null);

  if (list.error && !list.data) return <LoadError error={list.error} onRetry={list.reload} />;

  const register = async () => {
    let url: string;
    try {
      ({ url } = await form.validateFields());
    } catch {
      return; // the form shows what is wrong
    }
    setBusy(true);
    try {
      const webhook = await api.post<NewWebhook>('/api/v1/webhooks', { url: url.trim() });
      setRegistering(false);
      form.resetFields();
      setCreated(webhook);
      list.reload();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const deactivate = async (w: Webhook) => {
    try {
      await api.delete<unknown>(`/api/v1/webhooks/${encodeURIComponent(w.id)}`);
      message.success(t('gov.webhook.deactivated'));
      list.reload();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const columns: TableColumnsType<Webhook> = [
    {
      title: t('gov.webhook.url'),
      dataIndex: 'url',
      render: (url: string) => (
        <Typography.Text code style={{ wordBreak: 'break-all' }} data-testid="webhook-url">
          {url}
        </Typography.Text>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'active',
      width: 100,
      render: (active: boolean) =>
        active ? (
          <Tag color="green" data-testid="webhook-active">
            {t('gov.webhook.active')}
          </Tag>
        ) : (
          <Tag data-testid="webhook-active">{t('gov.webhook.inactive')}</Tag>
        ),
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
    {
      title: t('gov.webhook.deliveries'),
      key: 'deliveries',
      width: 230,
      render: (_, w) => {
        const latest = w.deliveries[0];
        if (!latest) return <Typography.Text type="secondary">{t('gov.webhook.noDeliveries')}</Typography.Text>;
        return (
          <Space size={4}>
            {t('gov.webhook.deliveriesSummary', { n: w.deliveries.length })}
            <DeliveryStatusTag status={latest.status} />
          </Space>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, w) =>
        w.active && (
          <Popconfirm
            title={t('gov.webhook.confirmDeactivate')}
            onConfirm={() => deactivate(w)}
            okButtonProps={{ danger: true, 'data-testid': 'webhook-deactivate-ok' }}
          >
            <Button type="link" size="small" danger data-testid="webhook-deactivate">
              {t('gov.webhook.deactivate')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('menu.webhooks')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="webhook-register">
          {t('gov.webhook.register')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('gov.webhook.intro')}</Typography.Paragraph>
      <Table<Webhook>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('gov.webhook.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        expandable={{
          rowExpandable: (w) => w.deliveries.length > 0,
          expandedRowRender: (w) => <Deliveries deliveries={w.deliveries} />,
        }}
        data-testid="webhook-table"
      />
      <Modal
        open={registering}
        title={t('gov.webhook.register')}
        onCancel={() => setRegistering(false)}
        onOk={register}
        confirmLoading={busy}
        okText={t('common.ok')}
        okButtonProps={{ 'data-testid': 'webhook-register-ok' }}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={register}>
          <Form.Item
            name="url"
            label={t('gov.webhook.url')}
            extra={t('gov.webhook.urlHint')}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: t('gov.webhook.url') }) },
              { pattern: URL_PATTERN, message: t('gov.webhook.badUrl') },
            ]}
          >
            <Input maxLength={500} placeholder="https://" data-testid="webhook-url-input" />
          </Form.Item>
        </Form>
      </Modal>
      <WebhookSecretModal webhook={created} onClose={() => setCreated(null)} />
    </Card>
  );
}

function Deliveries({ deliveries }: { deliveries: WebhookDelivery[] }) {
  const { t, lang } = useI18n();
  const columns: TableColumnsType<WebhookDelivery> = [
    { title: t('gov.webhook.event'), dataIndex: 'event', render: (e: string) => govLabel(t, 'webhookEvent', e) },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (s: string) => <DeliveryStatusTag status={s} /> },
    { title: t('gov.webhook.attempts'), dataIndex: 'attempts', width: 90, align: 'right' },
    {
      title: t('gov.webhook.lastError'),
      dataIndex: 'lastError',
      ellipsis: true,
      render: (e: string | null) => (e ? <Typography.Text type="danger">{localText(e, lang)}</Typography.Text> : t('common.none')),
    },
    { title: t('gov.webhook.eventAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
    { title: t('gov.webhook.deliveredAt'), dataIndex: 'deliveredAt', width: 170, render: (v: string | null) => formatTime(v) },
  ];
  return (
    <Table<WebhookDelivery>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={deliveries}
      pagination={false}
      data-testid="webhook-deliveries"
    />
  );
}
