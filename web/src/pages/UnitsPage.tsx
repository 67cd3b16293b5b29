// 单位管理: every organisation in the platform (regulator, platform companies, departments...).
// Everyone with units.read sees the list; only units.manage (system administrator) changes it.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';
import { LoadError } from '../components/LoadError';
import { StatusTag } from '../components/StatusTag';
import { formatTime, unitTypeLabel } from '../format';
import { useI18n } from '../i18n';
import type { ListResponse, Unit } from '../types';
import { useApi } from '../use-api';
import { UnitFormModal } from './UnitFormModal';

export function UnitsPage() {
  const { can } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const units = useApi('units', () => api.get<ListResponse<Unit>>('/api/v1/units'));
  // undefined: modal closed; null: creating; a unit: editing it.
  const [editing, setEditing] = useState<Unit | null | undefined>(undefined);
  const manage = can('units.manage');

  if (units.error && !units.data) return <LoadError error={units.error} onRetry={units.reload} />;
  const items = units.data?.items ?? [];
  const nameOf = new Map(items.map((u) => [u.id, u.name]));

  const columns: TableColumnsType<Unit> = [
    { title: t('units.code'), dataIndex: 'code', width: 160 },
    { title: t('units.name'), dataIndex: 'name' },
    { title: t('units.type'), dataIndex: 'type', render: (type: string) => unitTypeLabel(t, type) },
    {
      title: t('units.parent'),
      dataIndex: 'parentId',
      render: (id: string | null) => (id ? (nameOf.get(id) ?? id) : t('common.none')),
    },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (s: Unit['status']) => <StatusTag status={s} /> },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 180, render: formatTime },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, unit) => (
        <Button type="link" size="small" onClick={() => setEditing(unit)}>
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <Card
      title={t('menu.units')}
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            {t('units.create')}
          </Button>
        )
      }
    >
      <Table<Unit>
        rowKey="id"
        size="middle"
        loading={units.loading}
        columns={columns}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
      {manage && (
        <UnitFormModal
          open={editing !== undefined}
          unit={editing ?? null}
          units={items}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            message.success(editing ? t('common.saved') : t('units.created'));
            setEditing(undefined);
            units.reload();
          }}
        />
      )}
    </Card>
  );
}
