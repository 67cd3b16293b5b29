// 角色分配: the security administrator picks an account and sets its roles. The server enforces
// 三员分立 (409) and which unit types a role fits (400); its refusal is shown as it words it.
import { Alert, App, Button, Card, Checkbox, Col, Empty, Row, Select, Space, Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';
import { LoadError } from '../components/LoadError';
import { errorText } from '../errors';
import { useI18n } from '../i18n';
import type { ListResponse, RoleInfo, Unit, UserRow } from '../types';
import { useApi } from '../use-api';

export function RolesPage() {
  const { can } = useAuth();
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const roles = useApi('roles', () => api.get<ListResponse<RoleInfo>>('/api/v1/roles'));
  const users = useApi('users', () => api.get<ListResponse<UserRow>>('/api/v1/users'));
  const units = useApi(can('units.read') ? 'units' : null, () => api.get<ListResponse<Unit>>('/api/v1/units'));
  const [userId, setUserId] = useState<string>();
  const [checked, setChecked] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const user = users.data?.items.find((u) => u.id === userId);
  const unitType = units.data?.items.find((u) => u.id === user?.unitId)?.type;

  // Picking another user (or reloading after a save) starts from what the server holds.
  useEffect(() => {
    setChecked(user?.roles ?? []);
    setError(null);
  }, [user]);

  const loadError = roles.error ?? users.error;
  if (loadError) return <LoadError error={loadError} onRetry={() => (roles.reload(), users.reload())} />;

  const save = async () => {
    if (!user) return;
    setBusy(true);
    setError(null);
    try {
      await api.put<UserRow>(`/api/v1/users/${encodeURIComponent(user.id)}/roles`, { roles: checked });
      message.success(t('roles.saved'));
      users.reload();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const userOptions = (users.data?.items ?? []).map((u) => ({
    value: u.id,
    label: `${u.displayName}（${u.username}）· ${u.unitName}`,
  }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('roles.hint')} />
      <Card title={t('menu.roles')} loading={roles.loading && !roles.data}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('roles.pickUser')}
          style={{ width: '100%', maxWidth: 520, marginBottom: 24 }}
          value={userId}
          onChange={(v: string) => setUserId(v)}
          options={userOptions}
          loading={users.loading}
          data-testid="roles-user-select"
        />
        {!user ? (
          <Empty description={t('roles.noUser')} />
        ) : (
          <>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="roles-error" />}
            <Checkbox.Group value={checked} onChange={(v) => setChecked(v as string[])} style={{ width: '100%' }}>
              <Row gutter={[16, 12]}>
                {(roles.data?.items ?? []).map((role) => {
                  // A role that does not fit the unit is greyed out, unless the user already holds it
                  // (then it must stay removable).
                  const unfit = !!unitType && !role.unitTypes.includes(unitType) && !checked.includes(role.code);
                  const box = (
                    <Checkbox value={role.code} disabled={unfit}>
                      {lang === 'zh-CN' ? role.nameZh : role.nameEn} {role.separated && <Tag color="orange">{t('roles.separated')}</Tag>}
                    </Checkbox>
                  );
                  return (
                    <Col key={role.code} xs={24} sm={12} lg={8}>
                      {unfit ? <Tooltip title={t('roles.notForUnit')}>{box}</Tooltip> : box}
                    </Col>
                  );
                })}
              </Row>
            </Checkbox.Group>
            <Button type="primary" style={{ marginTop: 24 }} loading={busy} onClick={save}>
              {t('common.save')}
            </Button>
          </>
        )}
      </Card>
    </Space>
  );
}
