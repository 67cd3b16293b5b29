// The left menu: only the pages the signed-in user's permissions allow, grouped by section.
import { Menu, type MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth';
import { useI18n, type MessageKey } from '../i18n';
import { consolePages } from '../routes';

export function SideMenu() {
  const { can } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const visible = consolePages.filter((p) => p.menu !== false && (!p.permission || can(p.permission)));
  const groups: MessageKey[] = [...new Set(visible.map((p) => p.group))];
  const items: MenuProps['items'] = groups.map((group) => ({
    type: 'group',
    key: group,
    label: t(group),
    children: visible.filter((p) => p.group === group).map((p) => ({ key: p.path, icon: p.icon, label: t(p.label) })),
  }));

  // The longest page path that prefixes the URL, so sub-pages (later) keep their parent highlighted.
  const selected = visible
    .filter((p) => pathname === p.path || (p.path !== '/' && pathname.startsWith(`${p.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];

  return (
    <Menu theme="dark" mode="inline" items={items} selectedKeys={selected ? [selected.path] : []} onClick={({ key }) => navigate(key)} />
  );
}
