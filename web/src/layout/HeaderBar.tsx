// The top bar: which unit and which person is signed in (government consoles always show both,
// since one person may act for a unit), the unit's notifications, the language switch and logout.
import { BankOutlined, LogoutOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Divider, Space, Typography } from 'antd';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { NotificationBell } from './NotificationBell';

export function HeaderBar() {
  const { user, logout, can } = useAuth();
  const { lang, setLang, t } = useI18n();
  if (!user) return null;

  // No navigation here: once the user is gone, the layout itself redirects to /login.
  const onLogout = () => logout().catch(() => undefined);

  return (
    <Space separator={<Divider orientation="vertical" />} size={4}>
      <Typography.Text data-testid="header-unit">
        <BankOutlined /> {user.unitName}
      </Typography.Text>
      <Typography.Text data-testid="header-user">
        <UserOutlined /> {user.displayName}
      </Typography.Text>
      {can('notifications.read') && <NotificationBell />}
      <Button type="text" icon={<TranslationOutlined />} onClick={() => setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN')}>
        {t('lang.switch')}
      </Button>
      <Button type="text" icon={<LogoutOutlined />} onClick={onLogout} data-testid="logout">
        {t('header.logout')}
      </Button>
    </Space>
  );
}
