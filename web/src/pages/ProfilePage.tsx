// Your own account: what the server knows about you, and a password change.
import { App, Card, Descriptions, Space } from 'antd';
import { useAuth } from '../auth';
import { roleLabel, unitTypeLabel } from '../format';
import { useI18n } from '../i18n';
import { PasswordChangeForm } from './PasswordChangeForm';

export function ProfilePage() {
  const { user } = useAuth();
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  if (!user) return null;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('profile.info')}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'username', label: t('users.username'), children: user.username },
            { key: 'name', label: t('users.displayName'), children: user.displayName },
            { key: 'unit', label: t('users.unit'), children: user.unitName },
            { key: 'unitType', label: t('units.type'), children: unitTypeLabel(t, user.unitType) },
            {
              key: 'roles',
              label: t('users.roles'),
              children: user.roles.map((r) => roleLabel(lang, r)).join(t('common.listSep')),
            },
          ]}
        />
      </Card>
      <Card title={t('profile.password')}>
        <PasswordChangeForm username={user.username} onChanged={() => void message.success(t('profile.changed'))} />
      </Card>
    </Space>
  );
}
