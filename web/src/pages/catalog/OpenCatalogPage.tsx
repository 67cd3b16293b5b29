// 开放目录: published resources proposed for opening to the public, with their review status. The
// platform service unit (opencatalog.review) approves or returns a proposal and withdraws an opened
// resource; approved ones appear on the public portal (/portal).
import { GlobalOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Segmented, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { OpenStatusTag } from '../../catalog/ResourceStatusTag';
import type { OpenEntry } from '../../catalog/types';
import { OPEN_ENTRY_STATUSES, vocabLabel, type OpenEntryStatus } from '../../catalog/vocab';
import { LoadError } from '../../components/LoadError';
import { errorText } from '../../errors';
import { formatTime } from '../../format';
import { useI18n } from '../../i18n';
import type { ListResponse } from '../../types';
import { useApi } from '../../use-api';
import { ReasonModal } from './ReasonModal';

type Decision = 'approve' | 'return' | 'withdraw';

export function OpenCatalogPage() {
  const { can } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = OPEN_ENTRY_STATUSES.find((s) => s === raw);
  const review = can('opencatalog.review');
  const [asking, setAsking] = useState<{ entry: OpenEntry; decision: 'return' | 'withdraw' } | null>(null);
  const entries = useApi(`open:${status ?? ''}`, () => api.get<ListResponse<OpenEntry>>('/api/v1/catalog/open', { status }));
  if (entries.error && !entries.data) return <LoadError error={entries.error} onRetry={entries.reload} />;

  const decide = async (entry: OpenEntry, decision: Decision, comment: string | null) => {
    await api.post<void>(`/api/v1/catalog/open/${encodeURIComponent(entry.resourceId)}/decision`, { decision, comment });
    message.success(t(`open.done.${decision}`));
    entries.reload();
  };

  const columns: TableColumnsType<OpenEntry> = [
    {
      title: t('catalog.field.code'),
      dataIndex: 'code',
      width: 160,
      render: (c: string) => (
        <Typography.Text code style={{ fontSize: 12 }}>
          {c}
        </Typography.Text>
      ),
    },
    {
      title: t('catalog.field.name'),
      dataIndex: 'name',
      width: 200,
      render: (n: string, e) => <Link to={`/catalog/${e.resourceId}`}>{n}</Link>,
    },
    { title: t('catalog.field.provider'), dataIndex: 'providerName', width: 180, ellipsis: true },
    { title: t('catalog.field.openType'), dataIndex: 'openType', width: 110, render: (v: string) => vocabLabel(t, 'openType', v) },
    { title: t('catalog.field.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (s: OpenEntryStatus) => <OpenStatusTag status={s} /> },
    { title: t('catalog.field.reviewedAt'), dataIndex: 'reviewedAt', width: 170, render: formatTime },
    {
      title: t('catalog.field.reviewComment'),
      dataIndex: 'reviewComment',
      ellipsis: true,
      render: (c: string | null) => c ?? t('common.none'),
    },
  ];
  if (review) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_, e) => (
        <Space size={0}>
          {e.status === 'submitted' && (
            <>
              <Popconfirm
                title={t('open.confirmApprove')}
                onConfirm={() => decide(e, 'approve', null).catch((err: unknown) => message.error(errorText(err, t)))}
              >
                <Button type="link" size="small">
                  {t('open.approve')}
                </Button>
              </Popconfirm>
              <Button type="link" size="small" danger onClick={() => setAsking({ entry: e, decision: 'return' })}>
                {t('open.return')}
              </Button>
            </>
          )}
          {e.status === 'published' && (
            <Button type="link" size="small" danger onClick={() => setAsking({ entry: e, decision: 'withdraw' })}>
              {t('open.withdraw')}
            </Button>
          )}
        </Space>
      ),
    });
  }

  return (
    <Card
      title={t('menu.catalogOpen')}
      extra={
        <Link to="/portal" target="_blank">
          <GlobalOutlined /> {t('open.viewPortal')}
        </Link>
      }
    >
      <Segmented
        style={{ marginBottom: 16 }}
        value={status ?? 'all'}
        onChange={(v) => setParams(v === 'all' ? {} : { status: String(v) }, { replace: true })}
        options={[
          { value: 'all', label: t('open.allStatuses') },
          ...OPEN_ENTRY_STATUSES.map((s) => ({ value: s, label: vocabLabel(t, 'openStatus', s) })),
        ]}
      />
      <Table<OpenEntry>
        rowKey="resourceId"
        size="middle"
        loading={entries.loading}
        columns={columns}
        dataSource={entries.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
        scroll={{ x: 1300 }}
        data-testid="open-table"
      />
      <ReasonModal
        open={asking !== null}
        title={asking?.decision === 'withdraw' ? t('open.withdrawTitle') : t('open.returnTitle')}
        label={asking?.decision === 'withdraw' ? t('open.withdrawLabel') : t('catalog.reason.label')}
        required
        danger
        okText={asking ? t(`open.${asking.decision}`) : undefined}
        onClose={() => setAsking(null)}
        onSubmit={async (comment) => {
          if (!asking) return;
          await decide(asking.entry, asking.decision, comment);
          setAsking(null);
        }}
      />
    </Card>
  );
}
