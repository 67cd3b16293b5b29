// API 凭证: the keys your unit's systems use to call the platform's API on your behalf. You see and
// revoke only your own; every use is audited under the credential.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { LoadError } from '../components/LoadError';
import { errorText } from '../errors';
import { formatTime } from '../format';
import { useI18n } from '../i18n';
import type { Credential, ListResponse, NewCredential } from '../types';
import { useApi } from '../use-api';
import { SecretModal } from './SecretModal';

export function CredentialsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const list = useApi('credentials', () => api.get<ListResponse<Credential>>('/api/v1/credentials'));
  const [form] = Form.useForm<{ name: string }>();
  const [naming, setNaming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<NewCredential | null>(null);

  if (list.error && !list.data) return <LoadError error={list.error} onRetry={list.reload} />;

  const create = async () => {
    let name: string;
    try {
      ({ name } = await form.validateFields());
    } catch {
      return; // the form shows what is missing (an unhandled rejection would reach the page)
    }
    setBusy(true);
    try {
      const credential = await api.post<NewCredential>('/api/v1/credentials', { name: name.trim() });
      setNaming(false);
      form.resetFields();
      setCreated(credential);
      list.reload();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (c: Credential) => {
    try {
      await api.delete<void>(`/api/v1/credentials/${encodeURIComponent(c.id)}`);
      message.success(t('credentials.revokedDone'));
      list.reload();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const columns: TableColumnsType<Credential> = [
    { title: t('credentials.name'), dataIndex: 'name' },
    { title: t('credentials.keyId'), dataIndex: 'keyId', render: (k: string) => <code>{k}</code> },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: formatTime },
    {
      title: t('credentials.lastUsed'),
      dataIndex: 'lastUsedAt',
      render: (at: string | null) => (at ? formatTime(at) : t('credentials.never')),
    },
    {
      title: t('common.status'),
      dataIndex: 'revokedAt',
      render: (at: string | null) =>
        at ? <Tag>{t('credentials.revokedAt', { time: formatTime(at) })}</Tag> : <Tag color="green">{t('credentials.valid')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) =>
        !c.revokedAt && (
          <Popconfirm title={t('credentials.confirmRevoke')} onConfirm={() => revoke(c)}>
            <Button type="link" size="small" danger>
              {t('credentials.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('menu.credentials')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setNaming(true)}>
          {t('credentials.create')}
        </Button>
      }
    >
      <Table<Credential>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
      <Modal
        open={naming}
        title={t('credentials.create')}
        onCancel={() => setNaming(false)}
        onOk={create}
        confirmLoading={busy}
        okText={t('common.ok')}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="name"
            label={t('credentials.name')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('credentials.name') }) }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
      <SecretModal credential={created} onClose={() => setCreated(null)} />
    </Card>
  );
}
