// The landing page: who you are, for which unit, with which roles, and when you last signed in
// (so an unexpected earlier sign-in stands out). Only facts from the server; no placeholder figures.
import { Card, Descriptions, Space, Tag } from 'antd';
import { useAuth } from '../auth';
import { formatTime, roleLabel, unitTypeLabel } from '../format';
import { useI18n } from '../i18n';

export function HomePage() {
  const { user } = useAuth();
  const { lang, t } = useI18n();
  if (!user) return null;

  const items = [
    { key: 'username', label: t('home.username'), children: user.username },
    { key: 'unit', label: t('home.unit'), children: user.unitName },
    { key: 'unitType', label: t('home.unitType'), children: unitTypeLabel(t, user.unitType) },
    {
      key: 'roles',
      label: t('home.roles'),
      children: (
        <Space size={[4, 4]} wrap>
          {user.roles.map((r) => (
            <Tag color="blue" key={r}>
              {roleLabel(lang, r)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'lastLogin',
      label: t('home.lastLogin'),
      children: user.lastLoginAt ? formatTime(user.lastLoginAt) : t('home.noLastLogin'),
    },
  ];

  return (
    <Card title={t('home.welcome', { name: user.displayName })} data-testid="welcome-card">
      <Descriptions column={1} bordered size="middle" items={items} styles={{ label: { width: 180 } }} />
    </Card>
  );
}
