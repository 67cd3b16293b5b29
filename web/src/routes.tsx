// The console's pages in one table: the menu and the router are both built from it, so a page's
// permission is written once and the menu can never offer a page the router would refuse.
import {
  ApartmentOutlined,
  AuditOutlined,
  HomeOutlined,
  KeyOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import type { MessageKey } from './i18n';

// Pages load on first visit: a department user never downloads the audit or admin screens.
const AuditPage = lazy(() => import('./pages/AuditPage').then((m) => ({ default: m.AuditPage })));
const CredentialsPage = lazy(() => import('./pages/CredentialsPage').then((m) => ({ default: m.CredentialsPage })));
const HomePage = lazy(() => import('./pages/HomePage').then((m) => ({ default: m.HomePage })));
const ProfilePage = lazy(() => import('./pages/ProfilePage').then((m) => ({ default: m.ProfilePage })));
const RolesPage = lazy(() => import('./pages/RolesPage').then((m) => ({ default: m.RolesPage })));
const UnitsPage = lazy(() => import('./pages/UnitsPage').then((m) => ({ default: m.UnitsPage })));
const UsersPage = lazy(() => import('./pages/UsersPage').then((m) => ({ default: m.UsersPage })));

export interface ConsolePage {
  path: string;
  label: MessageKey;
  /** Menu section; sections left without a visible page are not shown. */
  group: MessageKey;
  icon: ReactNode;
  /** Needed to see the page; none means every signed-in user. */
  permission?: string;
  element: ReactNode;
}

export const consolePages: ConsolePage[] = [
  { path: '/', label: 'menu.home', group: 'menu.workspace', icon: <HomeOutlined />, element: <HomePage /> },
  { path: '/profile', label: 'menu.profile', group: 'menu.workspace', icon: <UserOutlined />, element: <ProfilePage /> },
  {
    path: '/admin/units',
    label: 'menu.units',
    group: 'menu.system',
    icon: <ApartmentOutlined />,
    permission: 'units.read',
    element: <UnitsPage />,
  },
  {
    path: '/admin/users',
    label: 'menu.users',
    group: 'menu.system',
    icon: <TeamOutlined />,
    permission: 'users.read',
    element: <UsersPage />,
  },
  {
    path: '/admin/roles',
    label: 'menu.roles',
    group: 'menu.system',
    icon: <SafetyCertificateOutlined />,
    permission: 'roles.assign',
    element: <RolesPage />,
  },
  {
    path: '/credentials',
    label: 'menu.credentials',
    group: 'menu.access',
    icon: <KeyOutlined />,
    permission: 'credentials.own',
    element: <CredentialsPage />,
  },
  {
    path: '/audit',
    label: 'menu.audit',
    group: 'menu.security',
    icon: <AuditOutlined />,
    permission: 'audit.read',
    element: <AuditPage />,
  },
];
