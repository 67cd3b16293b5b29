// 专题库 (the second tab of /governance/libraries): the thematic libraries declared over datasets and base
// libraries, with their size, last refresh and schedule; picking one shows its definition in words and
// its rows, 100 to a page as the server pages them, one column per key of the rows. The platform and
// the operator (`libraries.manage`) can declare one, edit its definition (ThematicEditor) and refresh it
// now. Reading rows is a data access and is audited by the server.
import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { LoadError } from '../../components/LoadError';
import { errorText } from '../../errors';
import { formatCount, formatTime } from '../../format';
import { intervalText, thematicNames } from '../../governance/thematic-names';
import type { ThematicLibrary, ThematicRows } from '../../governance/types';
import { useTableResources } from '../../governance/use-table-resources';
import { useI18n } from '../../i18n';
import type { ListResponse } from '../../types';
import { useApi } from '../../use-api';
import { ThematicDefinitionView } from './ThematicDefinitionView';
import { ThematicEditor } from './ThematicEditor';

const SERVER_PAGE_SIZE = 100;
type Row = Record<string, string | null>;

export function ThematicTab() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const list = useApi('thematic', () => api.get<ListResponse<ThematicLibrary>>('/api/v1/governance/thematic'));
  // names of the resources the definitions refer to; the page reads fine with codes until they arrive
  const resources = useTableResources('libraries.read');
  const [refreshing, setRefreshing] = useState<string | null>(null);
  // undefined: closed; null: declaring a new library; else the library being edited
  const [editing, setEditing] = useState<ThematicLibrary | null | undefined>(undefined);
  const picked = list.data?.items.find((l) => l.id === params.get('thematic'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const rows = useApi(picked ? `thematic-rows:${picked.id}:${page}` : null, () =>
    api.get<ThematicRows>(`/api/v1/governance/thematic/${encodeURIComponent(picked!.id)}/rows`, { page }),
  );
  const thematic = picked ? resources.data?.find((r) => r.id === picked.resourceId) : undefined;
  const names = useMemo(
    () => (picked ? thematicNames(t, picked.definition, resources.data, thematic) : null),
    [t, picked, resources.data, thematic],
  );

  if (list.error && !list.data) return <LoadError error={list.error} onRetry={list.reload} />;

  const pick = (id: string, nextPage = 1) => {
    const next = new URLSearchParams({ tab: 'thematic', thematic: id });
    if (nextPage > 1) next.set('page', String(nextPage));
    setParams(next);
  };

  const refresh = async (l: ThematicLibrary) => {
    setRefreshing(l.id);
    try {
      const r = await api.post<{ id: string; rows: number }>(`/api/v1/governance/thematic/${encodeURIComponent(l.id)}/refresh`);
      message.success(t('gov.thematic.refreshed', { name: l.name, n: r.rows }));
      list.reload();
      if (picked?.id === l.id) rows.reload();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setRefreshing(null);
    }
  };

  const columns: TableColumnsType<ThematicLibrary> = [
    {
      title: t('gov.thematic.name'),
      dataIndex: 'name',
      render: (name: string, l) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link strong={l.id === picked?.id} onClick={() => pick(l.id)} data-testid="thematic-view">
            {name}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l.code}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('gov.thematic.rowCount'),
      dataIndex: 'rowCount',
      width: 110,
      align: 'right',
      render: (n: number | null) =>
        n == null ? <Tag>{t('gov.thematic.neverRefreshed')}</Tag> : <span data-testid="thematic-row-count">{formatCount(n)}</span>,
    },
    { title: t('gov.thematic.refreshedAt'), dataIndex: 'refreshedAt', width: 170, render: (v: string | null) => formatTime(v) },
    { title: t('gov.thematic.interval'), dataIndex: 'refreshHours', width: 110, render: (h: number) => intervalText(t, h) },
    ...(can('libraries.manage')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 200,
            render: (_: unknown, l: ThematicLibrary) => (
              <Space size="small">
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={(e) => {
                    e.stopPropagation();
                    setEditing(l);
                  }}
                  data-testid="thematic-edit"
                >
                  {t('common.edit')}
                </Button>
                <Button
                  size="small"
                  icon={<ReloadOutlined />}
                  loading={refreshing === l.id}
                  disabled={refreshing !== null && refreshing !== l.id}
                  onClick={(e) => {
                    e.stopPropagation(); // the row's click would pick it as well
                    void refresh(l);
                  }}
                  data-testid="thematic-refresh"
                >
                  {t('gov.thematic.refresh')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('gov.thematic.hint')} data-testid="thematic-hint" />
      <Card
        title={t('gov.library.tab.thematic')}
        extra={
          can('libraries.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="thematic-declare">
              {t('gov.thematic.declare')}
            </Button>
          )
        }
      >
        <Table<ThematicLibrary>
          rowKey="id"
          size="small"
          loading={list.loading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('gov.thematic.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 800 }}
          rowClassName={(l) => (l.id === picked?.id ? 'ant-table-row-selected' : '')}
          onRow={(l) => ({ onClick: () => pick(l.id), style: { cursor: 'pointer' } })}
          data-testid="thematic-table"
        />
      </Card>
      {can('libraries.manage') && (
        <ThematicEditor
          open={editing !== undefined}
          library={editing ?? undefined}
          resources={resources.data ?? []}
          declared={new Set((list.data?.items ?? []).map((l) => l.resourceId))}
          onClose={() => setEditing(undefined)}
          onSaved={(name) => {
            setEditing(undefined);
            message.success(t('gov.thematic.saved', { name }));
            list.reload();
          }}
        />
      )}
      {picked && names && (
        <>
          <Card title={`${picked.name} · ${t('gov.thematic.definition')}`} size="small">
            <ThematicDefinitionView definition={picked.definition} names={names} />
          </Card>
          <Card
            title={t('gov.thematic.rowsOf', { name: picked.name })}
            extra={<Typography.Text type="secondary">{t('gov.thematic.rowsAudited')}</Typography.Text>}
          >
            {rows.error && !rows.data ? (
              <LoadError error={rows.error} onRetry={rows.reload} />
            ) : (
              <RowsTable
                library={picked}
                data={rows.data}
                loading={rows.loading}
                page={page}
                onPage={(p) => pick(picked.id, p)}
                columnName={(code) => thematic?.elements.find((e) => e.code === code)?.name}
              />
            )}
          </Card>
        </>
      )}
    </Space>
  );
}

interface RowsProps {
  library: ThematicLibrary;
  data: ThematicRows | undefined;
  loading: boolean;
  page: number;
  onPage: (page: number) => void;
  columnName: (code: string) => string | undefined;
}

/** The rows' own keys are the columns, in the definition's order where it names them. */
function RowsTable({ library, data, loading, page, onPage, columnName }: RowsProps) {
  const { t } = useI18n();
  const declared = library.definition.columns.map((c) => c.as ?? c.element);
  const present = new Set((data?.items ?? []).flatMap((r) => Object.keys(r)));
  const keys =
    present.size === 0 ? declared : [...declared.filter((k) => present.has(k)), ...[...present].filter((k) => !declared.includes(k))];
  const columns: TableColumnsType<Row> = keys.map((code) => ({
    title: (
      <Space orientation="vertical" size={0}>
        {columnName(code) ?? code}
        <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
          {code}
        </Typography.Text>
      </Space>
    ),
    key: code,
    width: 160,
    ellipsis: true,
    render: (_: unknown, r: Row) => r[code] ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
  }));
  return (
    <Table<Row>
      rowKey={(r) => JSON.stringify(r)}
      size="small"
      loading={loading}
      columns={columns}
      dataSource={data?.items ?? []}
      locale={{ emptyText: library.rowCount == null ? t('gov.thematic.notRefreshedRows') : t('gov.thematic.noRows') }}
      scroll={{ x: Math.max(600, keys.length * 160) }}
      pagination={{
        current: page,
        pageSize: SERVER_PAGE_SIZE,
        total: data?.total ?? 0,
        showSizeChanger: false,
        hideOnSinglePage: true,
        showTotal: (n) => t('common.total', { n }),
        onChange: onPage,
      }}
      data-testid="thematic-rows"
    />
  );
}
