// 数据质量 (/governance/quality): the latest quality score of each resource (a department sees its own,
// the platform and the regulator every unit's), worst first; picking a resource shows its score over
// time, total and per GB/T 36344 dimension, and its latest dimensions as a radar.
import { Card, Col, Empty, Row, Space, Spin, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth';
import type { ListResponse } from '../../types';
import { LoadError } from '../../components/LoadError';
import { formatCount, formatTime } from '../../format';
import { EChart } from '../../governance/EChart';
import { radarOption, trendOption } from '../../governance/quality-charts';
import type { QualityRow, ScoreSeries } from '../../governance/types';
import { DIMENSIONS, govLabel, percent, scoreColor } from '../../governance/vocab';
import { useI18n } from '../../i18n';
import { useApi } from '../../use-api';

// Every column has a width and the table scrolls beyond their sum: a column left to share the rest was
// squeezed to one character at 1280 px. English dimension columns fit "Completeness" in bold; the
// Chinese ones are narrower, so that the whole table stays in view at 1440 px.
const WIDTHS = { 'zh-CN': { resource: 200, dimension: 84 }, 'en-US': { resource: 220, dimension: 112 } } as const;

export function QualityPage() {
  const { lang, t } = useI18n();
  const w = WIDTHS[lang];
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const list = useApi('quality', () => api.get<ListResponse<QualityRow>>('/api/v1/governance/quality'));
  const picked = params.get('resource') ?? list.data?.items[0]?.resourceId ?? null;
  const series = useApi(picked ? `quality:${picked}` : null, () =>
    api.get<ScoreSeries>(`/api/v1/governance/quality/resources/${encodeURIComponent(picked!)}`),
  );
  const points = series.data?.series;
  const trend = useMemo(() => (points && points.length ? trendOption(t, points) : null), [points, t]);
  const radar = useMemo(() => (points && points.length ? radarOption(t, points[points.length - 1]!) : null), [points, t]);

  if (list.error && !list.data) return <LoadError error={list.error} onRetry={list.reload} />;

  const measured = DIMENSIONS.filter((d) => list.data?.items.some((r) => r.dimensions[d] != null));
  const columns: TableColumnsType<QualityRow> = [
    {
      title: t('gov.quality.resource'),
      dataIndex: 'name',
      width: w.resource,
      render: (name: string, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong={r.resourceId === picked}>{name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('gov.quality.unit'), dataIndex: 'unitName', width: 140, ellipsis: true },
    {
      title: t('gov.score.total'),
      dataIndex: 'total',
      width: 90,
      sorter: (a, b) => a.total - b.total,
      render: (v: number) => <Typography.Text style={{ color: scoreColor(v), fontWeight: 600 }}>{v.toFixed(2)}</Typography.Text>,
    },
    ...measured.map((d) => ({
      title: govLabel(t, 'dimension', d),
      key: d,
      width: w.dimension,
      render: (_: unknown, r: QualityRow) => percent(r.dimensions[d]),
    })),
    { title: t('gov.quality.records'), dataIndex: 'records', width: 90, align: 'right', render: (n: number) => formatCount(n) },
    { title: t('gov.quality.at'), dataIndex: 'at', width: 170, render: (v: string) => formatTime(v) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('menu.quality')}>
        <Table<QualityRow>
          rowKey="resourceId"
          size="small"
          loading={list.loading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('gov.quality.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: w.resource + 140 + 90 + measured.length * w.dimension + 90 + 170 }}
          rowClassName={(r) => (r.resourceId === picked ? 'ant-table-row-selected' : '')}
          onRow={(r) => ({ onClick: () => setParams({ resource: r.resourceId }), style: { cursor: 'pointer' } })}
          data-testid="quality-table"
        />
      </Card>
      {picked && (
        <Card
          title={series.data ? t('gov.quality.trendOf', { name: series.data.resource.name }) : t('gov.quality.trend')}
          extra={
            can('batches.read') && (
              <Link to={`/aggregation/batches?resource=${encodeURIComponent(picked)}`}>{t('gov.quality.batches')}</Link>
            )
          }
        >
          {series.error && !series.data ? (
            <LoadError error={series.error} onRetry={series.reload} />
          ) : !points ? (
            <Spin style={{ display: 'block', margin: '32px auto' }} />
          ) : points.length === 0 ? (
            <Empty description={t('gov.quality.noSeries')} />
          ) : (
            <Row gutter={16}>
              <Col xs={24} xl={14}>
                {trend && <EChart option={trend} testId="quality-trend" />}
              </Col>
              <Col xs={24} xl={10}>
                {radar && <EChart option={radar} testId="quality-radar" />}
              </Col>
            </Row>
          )}
        </Card>
      )}
    </Space>
  );
}
