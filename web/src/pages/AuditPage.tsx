// 审计日志: the security auditor's view of the tamper-evident log. Chain status first, then a
// search over the entries; exports carry the same filters as the table on screen.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { useAuth } from '../auth';
import { LoadError } from '../components/LoadError';
import { formatTime } from '../format';
import { useI18n } from '../i18n';
import type { AuditEntry, AuditPage as AuditPageData, ListResponse, Outcome, Unit } from '../types';
import { useApi } from '../use-api';
import { AuditAction } from './AuditAction';
import { AuditChainBanner } from './AuditChainBanner';
import { AuditEntryDetails } from './AuditEntryDetails';
import { AuditFilterForm } from './AuditFilterForm';
import { exportUrl, readFilters, readPage, toParams, type AuditFilters } from './audit-query';

const OUTCOME_COLORS: Record<Outcome, string> = { success: 'green', denied: 'orange', failure: 'red' };

export function AuditPage() {
  const { can } = useAuth();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const { page, pageSize } = readPage(params);
  const query = { ...filters, page, pageSize };
  const entries = useApi(`audit:${toParams(filters, { page, pageSize })}`, () => api.get<AuditPageData>('/api/v1/audit/entries', query));
  const units = useApi(can('units.read') ? 'units' : null, () => api.get<ListResponse<Unit>>('/api/v1/units'));

  if (entries.error && !entries.data) return <LoadError error={entries.error} onRetry={entries.reload} />;

  const search = (next: AuditFilters) => setParams(toParams(next));
  const dash = t('common.none');

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 70 },
    { title: t('audit.time'), dataIndex: 'at', width: 170, render: formatTime },
    {
      title: t('audit.actor'),
      key: 'actor',
      width: 175,
      render: (_, e) => (
        <Space size={4}>
          {e.actorName ?? e.actorId ?? dash}
          {e.actorType !== 'user' && <Tag>{t(`actorType.${e.actorType}`)}</Tag>}
        </Space>
      ),
    },
    { title: t('audit.unit'), dataIndex: 'unitName', width: 140, ellipsis: true, render: (n: string | null) => n ?? dash },
    // the label, and under it the code: wide enough for the longest code (catalog.collection.retire)
    // and its copy button, which must not break mid-word
    { title: t('audit.action'), dataIndex: 'action', width: 235, render: (a: string) => <AuditAction code={a} /> },
    {
      title: t('audit.object'),
      key: 'object',
      width: 200,
      ellipsis: true,
      render: (_, e) => (e.objectType ? `${e.objectType}${e.objectId ? `:${e.objectId}` : ''}` : dash),
    },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      width: 90,
      render: (o: Outcome) => <Tag color={OUTCOME_COLORS[o]}>{t(`outcome.${o}`)}</Tag>,
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 120, render: (ip: string | null) => ip ?? dash },
    {
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      width: 110,
      // The first characters are enough to tell requests apart on screen; copy gives the whole id
      // for searching the server log.
      render: (id: string | null) =>
        id ? (
          <Typography.Text copyable={{ text: id }} title={id}>
            <code>{id.slice(0, 8)}</code>
          </Typography.Text>
        ) : (
          dash
        ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {can('audit.verify') && <AuditChainBanner />}
      <Card>
        <AuditFilterForm filters={filters} units={units.data?.items ?? []} onSearch={search} />
      </Card>
      <Card
        title={t('menu.audit')}
        extra={
          can('audit.export') && (
            <Space>
              <Button icon={<DownloadOutlined />} href={exportUrl('csv', filters)} data-testid="export-csv">
                {t('audit.exportCsv')}
              </Button>
              <Button icon={<DownloadOutlined />} href={exportUrl('json', filters)} data-testid="export-json">
                {t('audit.exportJson')}
              </Button>
            </Space>
          )
        }
      >
        <Table<AuditEntry>
          rowKey="seq"
          size="small"
          loading={entries.loading}
          columns={columns}
          dataSource={entries.data?.items ?? []}
          expandable={{ expandedRowRender: (e) => <AuditEntryDetails entry={e} /> }}
          scroll={{ x: 1360 }}
          pagination={{
            current: page,
            pageSize,
            total: entries.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { n }),
            onChange: (p, size) => setParams(toParams(filters, { page: size === pageSize ? p : 1, pageSize: size })),
          }}
          data-testid="audit-table"
        />
      </Card>
    </Space>
  );
}
