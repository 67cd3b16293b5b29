// Entry point: language and antd locale, the signed-in user, and the routes.
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
// antd's date pickers take month and weekday names from dayjs's locale.
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createRoot } from 'react-dom/client';
import { lazy, StrictMode, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AuthProvider } from './auth';
import { RequirePermission } from './components/RequirePermission';
import { I18nProvider, useI18n } from './i18n';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { usePrefersReducedMotion } from './reduced-motion';
import { consolePages } from './routes';
import './global.css';

// The public open catalog needs no sign-in and shares nothing with the console but the look.
const PortalPage = lazy(() => import('./pages/PortalPage').then((m) => ({ default: m.PortalPage })));

function Localized() {
  const { lang } = useI18n();
  const reducedMotion = usePrefersReducedMotion();
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS} theme={{ token: { colorPrimary: '#1d5fbf', motion: !reducedMotion } }}>
      {/* AntApp gives message/modal hooks the theme and locale above. */}
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                path="/portal"
                element={
                  <Suspense fallback={<Spin fullscreen />}>
                    <PortalPage />
                  </Suspense>
                }
              />
              <Route element={<ConsoleLayout />}>
                {consolePages.map((p) => (
                  <Route
                    key={p.path}
                    path={p.path}
                    element={<RequirePermission permission={p.permission}>{p.element}</RequirePermission>}
                  />
                ))}
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Localized />
    </I18nProvider>
  </StrictMode>,
);
