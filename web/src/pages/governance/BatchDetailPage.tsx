// 批次详情 (/aggregation/batches/:id): what became of one batch. Its counts, the quality score in total
// and per GB/T 36344 dimension, the problems by rule, the error if it failed, the columns the resource
// does not know, every problem record (paged, and as CSV), and the tickets it raised. A batch still in
// flight is followed live until it finishes.
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Progress,
  Row,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth';
import type { Resource } from '../../catalog/types';
import { LoadError } from '../../components/LoadError';
import { formatCount, formatTime } from '../../format';
import { DimensionScores } from '../../governance/DimensionScores';
import { BatchStatusTag, TicketStatusTag } from '../../governance/StatusTags';
import { useBatchWatch } from '../../governance/use-batch-watch';
import { batchInFlight, govLabel, ruleLabel } from '../../governance/vocab';
import { useI18n } from '../../i18n';
import { useApi } from '../../use-api';
import { BatchProblemsTable } from './BatchProblemsTable';

export function BatchDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { can } = useAuth();
  const { batch, error, reload } = useBatchWatch(id);
  // element names for the rule labels; the batch is readable without them
  const resource = useApi(batch ? `resource:${batch.resource}` : null, () =>
    api.get<Resource>(`/api/v1/catalog/resources/${encodeURIComponent(batch!.resource)}`),
  );
  const elementName = useMemo(() => {
    const names = new Map((resource.data?.elements ?? []).map((e) => [e.code, e.name]));
    return (code: string) => names.get(code);
  }, [resource.data]);

  if (error && !batch) return <LoadError error={error} onRetry={reload} />;
  if (!batch) return <Spin style={{ display: 'block', margin: '64px auto' }} />;

  const inFlight = batchInFlight(batch.status);
  const live = batch.progress;
  const byRule = Object.entries(batch.problems).sort((a, b) => b[1] - a[1]);
  const ruleColumns: TableColumnsType<{ rule: string; count: number }> = [
    { title: t('gov.problem.rule'), dataIndex: 'rule', render: (rule: string) => ruleLabel(t, rule, elementName) },
    {
      title: t('gov.problem.ruleId'),
      dataIndex: 'rule',
      key: 'id',
      render: (rule: string) => (
        <Typography.Text code style={{ fontSize: 12 }}>
          {rule}
        </Typography.Text>
      ),
    },
    { title: t('gov.problem.records'), dataIndex: 'count', width: 120, align: 'right' },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/aggregation/batches">
        <ArrowLeftOutlined /> {t('menu.batches')}
      </Link>
      {batch.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={t('gov.batch.failed')}
          description={batch.error ? `${batch.error.message}（${batch.error.code}）` : undefined}
          data-testid="batch-error"
        />
      )}
      {batch.unknownColumns.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('gov.batch.unknownColumns')}
          description={
            <Space size={[4, 6]} wrap>
              {batch.unknownColumns.map((c) => (
                <Tag key={c}>{c}</Tag>
              ))}
            </Space>
          }
          data-testid="batch-unknown-columns"
        />
      )}
      <Card
        title={
          <Space size={8} wrap>
            <span data-testid="batch-resource">{batch.resourceName}</span>
            <BatchStatusTag status={batch.status} />
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
              {batch.batch}
            </Typography.Text>
          </Space>
        }
        extra={
          inFlight ? null : (
            <Button icon={<DownloadOutlined />} href={`/api/v1/aggregation/batches/${batch.batch}/problems.csv`} data-testid="problems-csv">
              {t('gov.batch.problemsCsv')}
            </Button>
          )
        }
      >
        {inFlight && (
          <div style={{ marginBottom: 16 }} data-testid="batch-live">
            <Typography.Text>
              {live ? govLabel(t, 'phase', live.phase) : govLabel(t, 'batchStatus', batch.status)}
              {live && ` · ${t('gov.upload.counts', { read: live.read, applied: live.applied, rejected: live.rejected })}`}
            </Typography.Text>
            <Progress
              percent={live && live.totalBytes > 0 ? Math.min(99, Math.floor((live.bytesRead / live.totalBytes) * 100)) : 0}
              status="active"
            />
          </div>
        )}
        <Row gutter={[16, 16]} data-testid="batch-counts">
          {(
            [
              ['rows', batch.rows],
              ['applied', batch.applied],
              ['rejected', batch.rejected],
              ['warned', batch.warned],
              ['duplicates', batch.duplicates],
              ['deleted', batch.deleted],
              ['repaired', batch.repaired],
            ] as const
          ).map(([name, value]) => (
            <Col key={name} xs={12} sm={8} md={6} lg={3} data-testid={`count-${name}`}>
              <Statistic
                title={t(`gov.count.${name}`)}
                value={value}
                styles={name === 'rejected' && value > 0 ? { content: { color: '#cf1322' } } : undefined}
              />
            </Col>
          ))}
        </Row>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          style={{ marginTop: 16 }}
          items={[
            { key: 'mode', label: t('gov.batch.mode'), children: govLabel(t, 'mode', batch.mode) },
            { key: 'source', label: t('gov.batch.source'), children: govLabel(t, 'source', batch.source) },
            { key: 'file', label: t('gov.batch.file'), children: batch.fileName ?? t('common.none') },
            {
              key: 'format',
              label: t('gov.batch.format'),
              children: [batch.format, batch.encoding].filter(Boolean).join(' · ') || t('common.none'),
            },
            { key: 'created', label: t('gov.batch.createdAt'), children: formatTime(batch.createdAt) },
            { key: 'finished', label: t('gov.batch.finishedAt'), children: formatTime(batch.finishedAt) },
            {
              key: 'store',
              label: t('gov.batch.store'),
              children:
                batch.storeCountBefore == null
                  ? t('common.none')
                  : `${formatCount(batch.storeCountBefore)} → ${batch.storeCountAfter == null ? t('common.none') : formatCount(batch.storeCountAfter)}`,
            },
            {
              key: 'rules',
              label: t('gov.batch.ruleSet'),
              children: batch.ruleSetVersion == null ? t('gov.rules.default') : t('gov.rules.versionN', { version: batch.ruleSetVersion }),
            },
            ...(batch.correctsBatch
              ? [
                  {
                    key: 'corrects',
                    label: t('gov.batch.corrects'),
                    children: <Link to={`/aggregation/batches/${batch.correctsBatch}`}>{batch.correctsBatch}</Link>,
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Card title={t('gov.score.title')} size="small">
        <DimensionScores total={batch.score} dimensions={batch.dimensions} />
      </Card>

      {batch.tickets.length > 0 && (
        <Card title={t('gov.batch.tickets')} size="small">
          <Space orientation="vertical" data-testid="batch-tickets">
            {batch.tickets.map((tk) => (
              <Space key={tk.id} size={8}>
                {can('tickets.read') ? (
                  <Link to={`/governance/tickets/${tk.id}`} data-testid="batch-ticket-link">
                    {govLabel(t, 'ticketKind', tk.kind)}
                  </Link>
                ) : (
                  govLabel(t, 'ticketKind', tk.kind)
                )}
                <TicketStatusTag status={tk.status} />
              </Space>
            ))}
          </Space>
        </Card>
      )}

      {byRule.length > 0 && (
        <Card title={t('gov.batch.byRule')} size="small">
          <Table
            rowKey="rule"
            size="small"
            pagination={false}
            columns={ruleColumns}
            dataSource={byRule.map(([rule, count]) => ({ rule, count }))}
            data-testid="problems-by-rule"
          />
        </Card>
      )}

      {!inFlight && (
        <Card title={t('gov.batch.problems')} size="small">
          <BatchProblemsTable batchId={batch.batch} revision={batch.finishedAt ?? ''} elementName={elementName} />
        </Card>
      )}
    </Space>
  );
}
