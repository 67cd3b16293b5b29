// 资源目录: search the resource catalog (Chinese full text over names, summaries and element names),
// narrow it with facets, and open a resource. Everyone with catalog.read sees the published catalog;
// a department also sees its own drafts, the platform service unit and the regulator see every draft.
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Dropdown, Input, Row, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { codeListWidths } from '../../catalog/column-widths';
import { catalogParams, readCatalogFilters, readCatalogPage, type CatalogFilters } from '../../catalog/catalog-query';
import { GradeTag, ResourceStatusTag } from '../../catalog/ResourceStatusTag';
import type { CatalogSearch, Facet, ResourceSummary } from '../../catalog/types';
import { vocabLabel } from '../../catalog/vocab';
import { LoadError } from '../../components/LoadError';
import { useI18n } from '../../i18n';
import { useApi } from '../../use-api';
import { CatalogFacets } from './CatalogFacets';

export function CatalogPage() {
  const { can } = useAuth();
  const { lang, t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readCatalogFilters(params), [params]);
  const { page, pageSize } = readCatalogPage(params);
  const key = catalogParams(filters, { page, pageSize }).toString();
  const result = useApi(`catalog:${key}`, () =>
    api.get<CatalogSearch>('/api/v1/catalog/resources', { ...filters, page, pageSize, facets: 'true' }),
  );

  if (result.error && !result.data) return <LoadError error={result.error} onRetry={result.reload} />;

  const search = (next: CatalogFilters) => setParams(catalogParams(next));
  const setFacet = (facet: Facet, value: string | undefined) => search({ ...filters, [facet]: value });

  const w = codeListWidths(lang);
  const columns: TableColumnsType<ResourceSummary> = [
    {
      title: t('catalog.field.code'),
      dataIndex: 'code',
      width: 150,
      render: (code: string, r) => (
        <Link to={`/catalog/${r.id}`}>
          <Typography.Text code style={{ fontSize: 12 }}>
            {code}
          </Typography.Text>
        </Link>
      ),
    },
    {
      title: t('catalog.field.name'),
      dataIndex: 'name',
      render: (name: string, r) => <Link to={`/catalog/${r.id}`}>{name}</Link>,
    },
    { title: t('catalog.field.provider'), dataIndex: 'providerName', width: 130, ellipsis: true },
    {
      title: t('catalog.field.grade'),
      dataIndex: 'grade',
      width: 76,
      render: (g: string) => <GradeTag grade={g} />,
    },
    {
      title: t('catalog.field.sharingType'),
      dataIndex: 'sharingType',
      width: w.type,
      render: (v: string) => vocabLabel(t, 'sharingType', v),
    },
    { title: t('catalog.field.openType'), dataIndex: 'openType', width: w.type, render: (v: string) => vocabLabel(t, 'openType', v) },
    {
      title: t('catalog.field.updateCycle'),
      dataIndex: 'updateCycle',
      width: w.updateCycle,
      render: (v: string) => vocabLabel(t, 'updateCycle', v),
    },
    {
      title: t('catalog.field.status'),
      dataIndex: 'status',
      width: 92,
      render: (_, r) => <ResourceStatusTag status={r.status} />,
    },
    {
      title: t('catalog.field.version'),
      dataIndex: 'version',
      width: w.version,
      render: (v: number) => `v${v}`,
    },
  ];

  return (
    <Row gutter={16} wrap={false} style={{ alignItems: 'flex-start' }}>
      <Col flex="250px">
        <CatalogFacets facets={result.data?.facets} selected={filters} onChange={setFacet} onClear={() => search({ q: filters.q })} />
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Card
          title={t('menu.catalog')}
          extra={
            <Space>
              <Dropdown
                menu={{
                  items: [
                    { key: 'xlsx', label: <a href="/api/v1/catalog/export?format=xlsx">{t('catalog.exportXlsx')}</a> },
                    { key: 'json', label: <a href="/api/v1/catalog/export?format=json">{t('catalog.exportJson')}</a> },
                  ],
                }}
              >
                <Button icon={<DownloadOutlined />} data-testid="catalog-export">
                  {t('catalog.export')}
                </Button>
              </Dropdown>
              {can('catalog.edit') && (
                <Button icon={<UploadOutlined />} onClick={() => navigate('/catalog/import')} data-testid="catalog-import">
                  {t('catalog.import')}
                </Button>
              )}
              {can('catalog.edit') && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/catalog/new')} data-testid="catalog-create">
                  {t('catalog.create')}
                </Button>
              )}
            </Space>
          }
        >
          <Input.Search
            key={filters.q ?? ''}
            defaultValue={filters.q}
            allowClear
            enterButton={t('common.search')}
            placeholder={t('catalog.searchPlaceholder')}
            onSearch={(q) => search({ ...filters, q })}
            style={{ marginBottom: 16 }}
            data-testid="catalog-search"
          />
          <Table<ResourceSummary>
            rowKey="id"
            size="small"
            loading={result.loading}
            columns={columns}
            dataSource={result.data?.items ?? []}
            locale={{ emptyText: t('catalog.empty') }}
            scroll={{ x: 568 + 2 * w.type + w.updateCycle + w.version }}
            pagination={{
              current: page,
              pageSize,
              total: result.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => t('common.total', { n }),
              onChange: (p, size) => setParams(catalogParams(filters, { page: size === pageSize ? p : 1, pageSize: size })),
            }}
            data-testid="catalog-table"
          />
        </Card>
      </Col>
    </Row>
  );
}
