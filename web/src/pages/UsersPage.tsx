// 用户管理: accounts of all units. The system administrator creates and disables ordinary accounts; the
// security administrator unlocks accounts locked after failed sign-ins and alone disables or enables the
// three officers' accounts (三员分立: the server refuses anyone else). Password resets split the same way:
// the system administrator resets ordinary accounts, the security administrator the officers'. Each sees
// only their buttons.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';
import { LoadError } from '../components/LoadError';
import { StatusTag } from '../components/StatusTag';
import { errorText } from '../errors';
import { formatTime, roleLabel } from '../format';
import { useI18n } from '../i18n';
import type { ListResponse, PasswordReset, Unit, UserRow } from '../types';
import { useApi } from '../use-api';
import { SEPARATED_ROLES, type Role } from '../../../src/identity/roles';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserCreateModal } from './UserCreateModal';

function isOfficer(user: UserRow): boolean {
  return user.roles.some((r) => SEPARATED_ROLES.includes(r as Role));
}

function isLocked(user: UserRow): boolean {
  return !!user.lockedUntil && Date.parse(user.lockedUntil) > Date.now();
}

export function UsersPage() {
  const { can, user: me } = useAuth();
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [reset, setReset] = useState<PasswordReset | null>(null);
  const users = useApi(`users:${unitId ?? ''}`, () => api.get<ListResponse<UserRow>>('/api/v1/users', { unitId }));
  const units = useApi(can('units.read') ? 'units' : null, () => api.get<ListResponse<Unit>>('/api/v1/units'));
  const manage = can('users.manage');
  const unlock = can('users.unlock');
  const manageOfficers = can('officers.manage');

  if (users.error && !users.data) return <LoadError error={users.error} onRetry={users.reload} />;

  const act = async (work: Promise<unknown>, done: string) => {
    try {
      await work;
      message.success(done);
      users.reload();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const resetPassword = async (path: string) => {
    try {
      setReset(await api.post<PasswordReset>(`${path}/reset-password`));
      users.reload();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  // Fixed widths (the table scrolls below their sum): a long note in the actions column once squeezed the
  // unit column to one character a line.
  const columns: TableColumnsType<UserRow> = [
    { title: t('users.username'), dataIndex: 'username', width: 100 },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 130 },
    { title: t('users.unit'), dataIndex: 'unitName', width: 190 },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      width: 170,
      render: (roles: string[]) => roles.map((r) => <Tag key={r}>{roleLabel(lang, r)}</Tag>),
    },
    {
      title: t('common.status'),
      key: 'status',
      width: 150,
      render: (_, u) => (
        <Space size={4} wrap>
          <StatusTag status={u.status} />
          {isLocked(u) && <Tag color="red">{t('users.lockedUntil', { time: formatTime(u.lockedUntil) })}</Tag>}
          {u.mustChangePassword && <Tag color="orange">{t('users.mustChangePassword')}</Tag>}
        </Space>
      ),
    },
    { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', width: 170, render: formatTime },
  ];
  if (manage || unlock || manageOfficers) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      render: (_, u) => {
        const id = encodeURIComponent(u.id);
        const officer = isOfficer(u);
        // the three officers' accounts have their own route, for the security administrator alone
        const mayChange = officer ? manageOfficers : manage;
        const path = officer ? `/api/v1/officers/${id}` : `/api/v1/users/${id}`;
        return (
          <Space size={0}>
            {officer && manage && !manageOfficers && <Tag style={{ whiteSpace: 'normal' }}>{t('users.officerBySecAdmin')}</Tag>}
            {/* the server refuses to disable one's own account, so it is not offered */}
            {mayChange && u.status === 'active' && u.id !== me?.id && (
              <Popconfirm
                title={t('users.confirmDisable')}
                onConfirm={() => act(api.patch(path, { status: 'disabled' }), t('common.saved'))}
              >
                <Button type="link" size="small" danger>
                  {t('users.disable')}
                </Button>
              </Popconfirm>
            )}
            {mayChange && u.status === 'disabled' && (
              <Button type="link" size="small" onClick={() => act(api.patch(path, { status: 'active' }), t('common.saved'))}>
                {t('users.enable')}
              </Button>
            )}
            {mayChange && u.id !== me?.id && (
              <Popconfirm title={t('users.confirmReset')} onConfirm={() => resetPassword(path)}>
                <Button type="link" size="small" data-testid={`reset-password-${u.username}`}>
                  {t('users.resetPassword')}
                </Button>
              </Popconfirm>
            )}
            {unlock && isLocked(u) && (
              <Button type="link" size="small" onClick={() => act(api.post(`/api/v1/users/${id}/unlock`), t('users.unlocked'))}>
                {t('users.unlock')}
              </Button>
            )}
          </Space>
        );
      },
    });
  }

  const unitItems = units.data?.items ?? [];
  return (
    <Card
      title={t('menu.users')}
      extra={
        <Space>
          {unitItems.length > 0 && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('users.allUnits')}
              style={{ width: 240 }}
              value={unitId}
              onChange={(v?: string) => setUnitId(v)}
              options={unitItems.map((u) => ({ value: u.id, label: u.name }))}
            />
          )}
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<UserRow>
        rowKey="id"
        size="middle"
        loading={users.loading}
        columns={columns}
        dataSource={users.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
      />
      <ResetPasswordModal reset={reset} onClose={() => setReset(null)} />
      {manage && (
        <UserCreateModal
          open={creating}
          units={unitItems}
          onClose={() => setCreating(false)}
          onCreated={() => {
            message.success(t('users.created'));
            setCreating(false);
            users.reload();
          }}
        />
      )}
    </Card>
  );
}
