// 采集目录: which department supplies each resource, how, how often, who answers for it, and when the
// next supply is due. A department sees what it must supply; the platform and the regulator see all.
// The platform service unit (collection.manage) adds, changes and retires entries.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth';
import type { CollectionEntry } from '../../catalog/types';
import { useUnits } from '../../catalog/use-units';
import { vocabLabel } from '../../catalog/vocab';
import { LoadError } from '../../components/LoadError';
import { errorText } from '../../errors';
import { useI18n } from '../../i18n';
import type { ListResponse } from '../../types';
import { useApi } from '../../use-api';
import { CollectionFormModal } from './CollectionFormModal';

/** Today in Beijing, the calendar due dates are counted in. */
function todayInShanghai(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function CollectionPage() {
  const { user, can } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const manage = can('collection.manage');
  const { units } = useUnits();
  const [supplierUnitId, setSupplierUnitId] = useState<string | undefined>();
  // undefined: closed; null: adding; an entry: changing it
  const [editing, setEditing] = useState<CollectionEntry | null | undefined>(undefined);
  const entries = useApi(`collection:${supplierUnitId ?? ''}`, () =>
    api.get<ListResponse<CollectionEntry>>('/api/v1/catalog/collection', { supplierUnitId }),
  );
  if (entries.error && !entries.data) return <LoadError error={entries.error} onRetry={entries.reload} />;

  const today = todayInShanghai();
  const due = (date: string | null, e: CollectionEntry) => {
    if (e.status !== 'active') return t('common.none');
    if (!date) return <Typography.Text type="secondary">{t('collection.noDue')}</Typography.Text>;
    const days = dayjs(date).diff(dayjs(today), 'day');
    return (
      <Space size={4}>
        <span>{date}</span>
        {days <= 0 ? (
          <Tag color="red">{t('collection.dueToday')}</Tag>
        ) : days <= 7 ? (
          <Tag color="orange">{t('collection.dueInDays', { n: days })}</Tag>
        ) : null}
      </Space>
    );
  };

  const retire = async (e: CollectionEntry) => {
    try {
      await api.delete<void>(`/api/v1/catalog/collection/${encodeURIComponent(e.id)}`);
      message.success(t('collection.retired'));
      entries.reload();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const columns: TableColumnsType<CollectionEntry> = [
    {
      title: t('collection.resource'),
      key: 'resource',
      width: 200,
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/catalog/${e.resourceId}`}>{e.resourceName}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.resourceCode}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('collection.supplier'), dataIndex: 'supplierName', width: 180, ellipsis: true },
    { title: t('collection.method'), dataIndex: 'method', width: 100, render: (m: string) => vocabLabel(t, 'collectionMethod', m) },
    { title: t('collection.frequency'), dataIndex: 'frequency', width: 90, render: (f: string) => vocabLabel(t, 'updateCycle', f) },
    { title: t('collection.responsiblePerson'), dataIndex: 'responsiblePerson', width: 150 },
    { title: t('collection.contact'), dataIndex: 'contact', width: 140 },
    { title: t('collection.startsOn'), dataIndex: 'startsOn', width: 110 },
    { title: t('collection.nextDue'), dataIndex: 'nextDue', width: 190, render: due },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 80,
      render: (s: string) => (
        <Tag color={s === 'active' ? 'green' : 'default'}>
          {t(s === 'active' ? 'collection.status.active' : 'collection.status.retired')}
        </Tag>
      ),
    },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_, e) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(e)}>
            {t('common.edit')}
          </Button>
          {e.status === 'active' && (
            <Popconfirm title={t('collection.confirmRetire')} onConfirm={() => retire(e)}>
              <Button type="link" size="small" danger>
                {t('collection.retire')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  return (
    <Card
      title={t('menu.catalogCollection')}
      extra={
        <Space>
          {/* a department sees only what it supplies itself (the server's rule), so no filter for it */}
          {!user?.roles.includes('department_staff') && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('collection.allSuppliers')}
              style={{ width: 240 }}
              value={supplierUnitId}
              onChange={(v?: string) => setSupplierUnitId(v)}
              options={units.map((u) => ({ value: u.id, label: u.name }))}
            />
          )}
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="collection-create">
              {t('collection.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('collection.hint')}</Typography.Paragraph>
      <Table<CollectionEntry>
        rowKey="id"
        size="middle"
        loading={entries.loading}
        columns={columns}
        dataSource={entries.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
        scroll={{ x: 1480 }}
        data-testid="collection-table"
      />
      {manage && (
        <CollectionFormModal
          open={editing !== undefined}
          entry={editing ?? null}
          units={units}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            message.success(t('collection.saved'));
            setEditing(undefined);
            entries.reload();
          }}
        />
      )}
    </Card>
  );
}
