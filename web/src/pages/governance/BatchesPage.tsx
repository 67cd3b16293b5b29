// 数据汇聚 (/aggregation/batches): the batches a unit submitted (every unit's for the platform, the
// operator and the regulator), newest first, filtered by resource and status in the URL; the upload
// action for those who submit. Batches still in flight are refreshed until they finish.
import { UploadOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { LoadError } from '../../components/LoadError';
import { formatTime } from '../../format';
import { BatchStatusTag } from '../../governance/StatusTags';
import type { BatchList, BatchListItem } from '../../governance/types';
import { resourceOptions, useTableResources } from '../../governance/use-table-resources';
import { BATCH_STATUSES, batchInFlight, govLabel, scoreColor } from '../../governance/vocab';
import { useI18n } from '../../i18n';
import { useApi } from '../../use-api';
import { UploadBatchModal } from './UploadBatchModal';

const PAGE_SIZE = 20;
const REFRESH_MS = 2000;

export function BatchesPage() {
  const { can } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [uploading, setUploading] = useState(false);
  const resource = params.get('resource') ?? undefined;
  const status = params.get('status') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const key = `batches:${resource ?? ''}:${status ?? ''}:${page}`;
  const list = useApi(key, () => api.get<BatchList>('/api/v1/aggregation/batches', { resource, status, page, pageSize: PAGE_SIZE }));
  const resources = useTableResources('batches.read');

  const inFlight = list.data?.items.some((b) => batchInFlight(b.status)) ?? false;
  useEffect(() => {
    if (!inFlight) return;
    const timer = setTimeout(list.reload, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [inFlight, list.data, list.reload]);

  if (list.error && !list.data) return <LoadError error={list.error} onRetry={list.reload} />;

  const setFilter = (name: 'resource' | 'status', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('page');
    setParams(next);
  };

  const columns: TableColumnsType<BatchListItem> = [
    {
      title: t('gov.batch.resource'),
      dataIndex: 'resourceName',
      render: (name: string, b) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/aggregation/batches/${b.batch}`}>{name || b.resourceCode}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {b.resourceCode}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('gov.batch.unit'), dataIndex: 'unitName', width: 140, ellipsis: true },
    {
      title: t('gov.batch.mode'),
      dataIndex: 'mode',
      width: 110,
      render: (mode: string, b) => (
        <Space orientation="vertical" size={0}>
          {govLabel(t, 'mode', mode)}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {govLabel(t, 'source', b.source)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (s: string) => <BatchStatusTag status={s} /> },
    {
      title: t('gov.batch.counts'),
      key: 'counts',
      width: 170,
      render: (_, b) => {
        const live = b.progress && batchInFlight(b.status) ? b.progress : null;
        return (
          <span data-testid="batch-counts">
            {live ? live.read : b.rows} / {live ? live.applied : b.applied} /{' '}
            <Typography.Text type={(live ? live.rejected : b.rejected) > 0 ? 'danger' : undefined}>
              {live ? live.rejected : b.rejected}
            </Typography.Text>
          </span>
        );
      },
    },
    {
      title: t('gov.batch.score'),
      dataIndex: 'score',
      width: 80,
      render: (score: number | null) => (score == null ? t('common.none') : <span style={{ color: scoreColor(score) }}>{score}</span>),
    },
    { title: t('gov.batch.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
  ];

  return (
    <Card
      title={t('menu.batches')}
      extra={
        can('batches.submit') && (
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setUploading(true)} data-testid="batch-upload-open">
            {t('gov.upload.open')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('gov.batch.allResources')}
          value={resource}
          loading={resources.loading}
          options={resourceOptions(resources.data)}
          onChange={(v?: string) => setFilter('resource', v)}
          style={{ width: 320 }}
          data-testid="batch-filter-resource"
        />
        <Select
          allowClear
          placeholder={t('gov.batch.allStatuses')}
          value={status}
          options={BATCH_STATUSES.map((s) => ({ value: s, label: govLabel(t, 'batchStatus', s) }))}
          onChange={(v?: string) => setFilter('status', v)}
          style={{ width: 160 }}
          data-testid="batch-filter-status"
        />
      </Space>
      <Table<BatchListItem>
        rowKey="batch"
        size="small"
        loading={list.loading && !list.data}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('gov.batch.empty') }}
        scroll={{ x: 900 }}
        onRow={(b) => ({ onDoubleClick: () => navigate(`/aggregation/batches/${b.batch}`) })}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('common.total', { n }),
          onChange: (p) => {
            const next = new URLSearchParams(params);
            if (p > 1) next.set('page', String(p));
            else next.delete('page');
            setParams(next);
          },
        }}
        data-testid="batch-table"
      />
      {/* mounted only while open: it reads the unit's resources, which the list itself does not need */}
      {uploading && <UploadBatchModal open onClose={() => setUploading(false)} onSubmitted={list.reload} onFinished={list.reload} />}
    </Card>
  );
}
