// The bell in the top bar: the unit's notifications (a ticket opened for it, …) with the unread count,
// fetched on sign-in, on every move to another page and every minute after. Opening one marks it read and goes to its page. The server
// writes titles in both languages, `中文 (English)`; the bell shows the console's language.
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Empty, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api';
import { localText } from '../errors';
import { formatTime } from '../format';
import type { Notification, Notifications } from '../governance/types';
import { useI18n } from '../i18n';
import { useApi } from '../use-api';

const REFRESH_MS = 60_000;

export function NotificationBell() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  // keyed by the page: moving on in the console (say, to the batch just uploaded) looks for news
  const notes = useApi(`notifications:${pathname}`, () => api.get<Notifications>('/api/v1/notifications'));
  const { reload } = notes;

  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  // look again whenever the list is opened, so it is never a minute behind when it matters
  useEffect(() => {
    if (open) reload();
  }, [open, reload]);

  const items = notes.data?.items ?? [];
  const unread = notes.data?.unread ?? 0;

  const markRead = (n: Notification) =>
    n.readAt ? Promise.resolve() : api.post(`/api/v1/notifications/${n.id}/read`).then(() => undefined);

  const openOne = async (n: Notification) => {
    setOpen(false);
    await markRead(n).catch(() => undefined); // going to the page matters more than the mark
    reload();
    if (n.link?.startsWith('/')) navigate(n.link);
  };

  const markAll = async () => {
    await Promise.all(items.filter((n) => !n.readAt).map((n) => markRead(n).catch(() => undefined)));
    reload();
  };

  const panel = (
    <div
      style={{
        width: 380,
        background: token.colorBgElevated,
        borderRadius: token.borderRadiusLG,
        boxShadow: token.boxShadowSecondary,
      }}
      data-testid="notification-panel"
    >
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          padding: '8px 8px 8px 16px',
          borderBottom: `1px solid ${token.colorSplit}`,
        }}
      >
        <Typography.Text strong>{t('notify.title')}</Typography.Text>
        <Button type="link" size="small" disabled={unread === 0} onClick={markAll} data-testid="notification-read-all">
          {t('notify.readAll')}
        </Button>
      </div>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.empty')} style={{ padding: 16 }} />
      ) : (
        <div style={{ maxHeight: 420, overflowY: 'auto' }}>
          {items.map((n) => (
            <div
              key={n.id}
              role="button"
              tabIndex={0}
              onClick={() => void openOne(n)}
              onKeyDown={(e) => e.key === 'Enter' && void openOne(n)}
              style={{
                padding: '10px 16px',
                cursor: 'pointer',
                borderBottom: `1px solid ${token.colorSplit}`,
                background: n.readAt ? undefined : token.colorPrimaryBg,
              }}
              data-testid="notification-item"
              data-unread={n.readAt ? undefined : 'true'}
            >
              <Typography.Text strong={!n.readAt} style={{ display: 'block' }}>
                {localText(n.title, lang)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatTime(n.createdAt)}
              </Typography.Text>
            </div>
          ))}
        </div>
      )}
    </div>
  );

  return (
    <Dropdown open={open} onOpenChange={setOpen} trigger={['click']} popupRender={() => panel} placement="bottomRight">
      <Button type="text" aria-label={t('notify.title')} data-testid="notification-bell" data-unread={unread}>
        <Badge count={unread} size="small" offset={[4, -2]}>
          <BellOutlined style={{ fontSize: 16 }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}
