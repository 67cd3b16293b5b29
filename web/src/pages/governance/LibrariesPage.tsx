// 基础库 (/governance/libraries): how many people and legal entities the base libraries hold, and one
// entity looked up by its key (an ID number or a credit code) with each value's source: the unit and
// resource it came from, the batch that brought it, and whether that unit is the authoritative source
// for the element (一数一源). Looking an entity up is a data access and is audited by the server.
// A second tab, 专题库 (`?tab=thematic`), lists the thematic libraries (ThematicTab.tsx).
import { Alert, Card, Col, Input, Row, Segmented, Space, Statistic, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../api';
import { useAuth } from '../../auth';
import type { Resource } from '../../catalog/types';
import { useUnits } from '../../catalog/use-units';
import { LoadError } from '../../components/LoadError';
import { errorText } from '../../errors';
import { formatTime } from '../../format';
import type { Library, LibraryEntry, LibraryValue } from '../../governance/types';
import { govLabel } from '../../governance/vocab';
import { useI18n } from '../../i18n';
import type { ListResponse } from '../../types';
import { useApi } from '../../use-api';
import { ThematicTab } from './ThematicTab';

const LOOKUP = ['population', 'legal_entity'] as const;

export function LibrariesPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'thematic' ? 'thematic' : 'base';
  return (
    <Tabs
      activeKey={tab}
      // the hidden tab is unmounted: it keeps no requests going and starts fresh when opened again
      destroyOnHidden
      onChange={(key) => setParams(key === 'thematic' ? { tab: 'thematic' } : {})}
      items={[
        { key: 'base', label: t('gov.library.tab.base'), children: <BaseLibraries /> },
        { key: 'thematic', label: t('gov.library.tab.thematic'), children: <ThematicTab /> },
      ]}
      data-testid="library-tabs"
    />
  );
}

function BaseLibraries() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { nameOf } = useUnits();
  const [params, setParams] = useSearchParams();
  const library = LOOKUP.find((l) => l === params.get('library')) ?? 'population';
  const key = params.get('key')?.trim() ?? '';
  const [typed, setTyped] = useState(key);
  const sizes = useApi('libraries', () => api.get<ListResponse<Library>>('/api/v1/governance/libraries'));
  const entry = useApi(key ? `library:${library}:${key}` : null, () =>
    api.get<LibraryEntry>(`/api/v1/governance/libraries/${library}/${encodeURIComponent(key)}`),
  );
  const found = entry.data && entry.data.key === key && entry.data.library === library ? entry.data : undefined;
  const sources = useMemo(() => [...new Set((found?.values ?? []).map((v) => v.sourceResourceId))].sort(), [found]);
  const resources = useApi(sources.length ? `library-sources:${sources.join(',')}` : null, () =>
    Promise.all(sources.map((id) => api.get<Resource>(`/api/v1/catalog/resources/${encodeURIComponent(id)}`).catch(() => null))),
  );
  const resourceOf = (id: string) => resources.data?.find((r) => r?.id === id) ?? undefined;

  if (sizes.error && !sizes.data) return <LoadError error={sizes.error} onRetry={sizes.reload} />;

  const search = (next: { library?: string; key?: string }) => {
    const p = new URLSearchParams();
    p.set('library', next.library ?? library);
    const k = (next.key ?? key).trim();
    if (k) p.set('key', k);
    setParams(p);
  };

  const failed = entry.loading ? undefined : entry.error;
  const notFound = failed instanceof ApiError && failed.status === 404;
  const columns: TableColumnsType<LibraryValue> = [
    {
      title: t('gov.library.element'),
      dataIndex: 'element',
      width: 170,
      render: (code: string, v) => resourceOf(v.sourceResourceId)?.elements.find((e) => e.code === code)?.name ?? code,
    },
    { title: t('gov.library.value'), dataIndex: 'value', render: (v: string | null) => v ?? t('common.none') },
    {
      title: t('gov.library.authoritative'),
      dataIndex: 'authoritative',
      width: 110,
      render: (a: boolean) =>
        a ? <Tag color="green">{t('gov.library.isAuthoritative')}</Tag> : <Tag>{t('gov.library.notAuthoritative')}</Tag>,
    },
    { title: t('gov.library.sourceUnit'), dataIndex: 'sourceUnitId', width: 150, render: (id: string) => nameOf(id) ?? id },
    {
      title: t('gov.library.sourceResource'),
      dataIndex: 'sourceResourceId',
      width: 160,
      render: (id: string) => resourceOf(id)?.name ?? id,
    },
    {
      title: t('gov.library.batch'),
      dataIndex: 'batchId',
      width: 120,
      render: (id: string) =>
        can('batches.read') ? (
          <Link to={`/aggregation/batches/${id}`}>{id.slice(0, 8)}</Link>
        ) : (
          <Typography.Text>{id.slice(0, 8)}</Typography.Text>
        ),
    },
    { title: t('gov.library.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (v: string) => formatTime(v) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={16}>
        {(sizes.data?.items ?? []).map((l) => (
          <Col key={l.name} xs={24} md={12} xl={6}>
            <Card size="small" data-testid={`library-${l.name}`}>
              <Statistic title={govLabel(t, 'library', l.name)} value={l.entities} suffix={t('gov.library.entities')} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={t('gov.library.lookup')}>
        <Space wrap style={{ marginBottom: 16 }}>
          <Segmented
            value={library}
            options={LOOKUP.map((l) => ({ value: l, label: govLabel(t, 'library', l) }))}
            onChange={(v) => search({ library: String(v), key: '' })}
          />
          <Input.Search
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onSearch={(k) => search({ key: k })}
            enterButton={t('common.search')}
            placeholder={library === 'population' ? t('gov.library.idPlaceholder') : t('gov.library.creditPlaceholder')}
            maxLength={40}
            allowClear
            style={{ width: 380 }}
            data-testid="library-key"
          />
        </Space>
        {notFound ? (
          <Alert type="info" showIcon title={t('gov.library.notFound', { key })} data-testid="library-not-found" />
        ) : failed ? (
          <Alert type="error" showIcon title={errorText(failed, t)} />
        ) : key ? (
          <Table<LibraryValue>
            rowKey="element"
            size="small"
            loading={entry.loading}
            columns={columns}
            dataSource={found?.values ?? []}
            pagination={false}
            scroll={{ x: 1000 }}
            data-testid="library-values"
          />
        ) : (
          <Typography.Text type="secondary">{t('gov.library.hint')}</Typography.Text>
        )}
      </Card>
    </Space>
  );
}
