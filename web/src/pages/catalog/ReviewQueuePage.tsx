// 审核队列: the platform service unit's work list — versions submitted for review (approve, or
// return with reasons) and approved versions waiting to be published.
import { Badge, Card, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { codeListWidths } from '../../catalog/column-widths';
import { GradeTag, ResourceStatusTag } from '../../catalog/ResourceStatusTag';
import type { CatalogSearch, ResourceSummary } from '../../catalog/types';
import { vocabLabel } from '../../catalog/vocab';
import { LoadError } from '../../components/LoadError';
import { formatTime } from '../../format';
import { useI18n } from '../../i18n';
import { useApi } from '../../use-api';
import { ResourceActions } from './ResourceActions';

// The queue is short by nature; the API's largest page holds it.
const QUEUE_PAGE = 200;

export function ReviewQueuePage() {
  const { lang, t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'approved' ? 'approved' : 'submitted';
  const submitted = useApi('review:submitted', () =>
    api.get<CatalogSearch>('/api/v1/catalog/resources', { status: 'submitted', pageSize: QUEUE_PAGE }),
  );
  const approved = useApi('review:approved', () =>
    api.get<CatalogSearch>('/api/v1/catalog/resources', { status: 'approved', pageSize: QUEUE_PAGE }),
  );
  const failed = submitted.error ?? approved.error;
  if (failed && !submitted.data && !approved.data) return <LoadError error={failed} onRetry={submitted.reload} />;

  const reload = () => {
    submitted.reload();
    approved.reload();
  };

  const w = codeListWidths(lang);
  const columns: TableColumnsType<ResourceSummary> = [
    {
      title: t('catalog.field.code'),
      dataIndex: 'code',
      width: 160,
      render: (code: string) => (
        <Typography.Text code style={{ fontSize: 12 }}>
          {code}
        </Typography.Text>
      ),
    },
    {
      title: t('catalog.field.name'),
      dataIndex: 'name',
      width: 220,
      render: (name: string, r) => <Link to={`/catalog/${r.id}`}>{name}</Link>,
    },
    { title: t('catalog.field.provider'), dataIndex: 'providerName', width: 160, ellipsis: true },
    { title: t('catalog.field.grade'), dataIndex: 'grade', width: 72, render: (g: string) => <GradeTag grade={g} /> },
    {
      title: t('catalog.field.sharingType'),
      dataIndex: 'sharingType',
      width: w.type,
      render: (v: string) => vocabLabel(t, 'sharingType', v),
    },
    { title: t('catalog.field.openType'), dataIndex: 'openType', width: w.type, render: (v: string) => vocabLabel(t, 'openType', v) },
    {
      title: t('catalog.field.version'),
      key: 'version',
      width: 120,
      render: (_, r) => (
        <span>
          v{r.version} <ResourceStatusTag status={r.status} />
        </span>
      ),
    },
    { title: t('catalog.field.updatedAt'), dataIndex: 'updatedAt', width: 160, render: formatTime },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_, r) => <ResourceActions resource={r} only={['approve', 'return', 'publish']} size="small" onChanged={reload} />,
    },
  ];

  const table = (data: CatalogSearch | undefined, loading: boolean, testId: string) => (
    <Table<ResourceSummary>
      rowKey="id"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={data?.items ?? []}
      locale={{ emptyText: t('catalog.review.empty') }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 1098 + 2 * w.type }}
      data-testid={testId}
    />
  );

  return (
    <Card title={t('menu.catalogReview')}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'approved' ? { tab: key } : {}, { replace: true })}
        items={[
          {
            key: 'submitted',
            label: (
              <span>
                {t('catalog.review.pending')} <Badge count={submitted.data?.total ?? 0} showZero color="#1d5fbf" />
              </span>
            ),
            children: table(submitted.data, submitted.loading, 'review-submitted'),
          },
          {
            key: 'approved',
            label: (
              <span>
                {t('catalog.review.approved')} <Badge count={approved.data?.total ?? 0} showZero color="#13a8a8" />
              </span>
            ),
            children: table(approved.data, approved.loading, 'review-approved'),
          },
        ]}
      />
    </Card>
  );
}
