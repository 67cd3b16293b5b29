// The frame of every signed-in page: left menu, top bar, content. Also the login guard: nobody
// reaches a console page without a session, and a lost session (any 401) or a logout lands on /login.
// A session that must change its password first sees the change page alone, without the menu.
import { Layout, Spin, Typography, theme } from 'antd';
import { Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { CHANGE_PASSWORD_PATH } from '../routes';
import { HeaderBar } from './HeaderBar';
import { SideMenu } from './SideMenu';

export function ConsoleLayout() {
  const { user, signedOut } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  const { token } = theme.useToken();

  if (user === undefined) {
    return <Spin size="large" fullscreen />;
  }
  if (user === null) {
    // After a lost session, remember where the user was so login brings them back there;
    // after a deliberate logout, the next person starts from the home page.
    const state = signedOut ? null : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  const mustChange = user.mustChangePassword;
  if (mustChange && location.pathname !== CHANGE_PASSWORD_PATH) return <Navigate to={CHANGE_PASSWORD_PATH} replace />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={220} breakpoint="lg" collapsedWidth={0} data-testid="side-menu">
        <div style={{ padding: '18px 20px', color: '#fff' }}>
          <div style={{ fontSize: 20, fontWeight: 600, letterSpacing: 2 }}>{t('app.name')}</div>
          <div style={{ fontSize: 12, opacity: 0.65 }}>{t('app.subtitle')}</div>
        </div>
        {!mustChange && <SideMenu />}
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <HeaderBar />
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', padding: '12px 24px' }}>
          <Typography.Text type="secondary">
            {t('app.name')} · {t('app.subtitle')}
          </Typography.Text>
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
