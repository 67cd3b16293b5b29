// The console's pages in one table: the menu and the router are both built from it, so a page's
// permission is written once and the menu can never offer a page the router would refuse.
import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  DatabaseOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  GlobalOutlined,
  HomeOutlined,
  InboxOutlined,
  KeyOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  ToolOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import type { MessageKey } from './i18n';

// Pages load on first visit: a department user never downloads the audit or admin screens.
const AuditPage = lazy(() => import('./pages/AuditPage').then((m) => ({ default: m.AuditPage })));
const CredentialsPage = lazy(() => import('./pages/CredentialsPage').then((m) => ({ default: m.CredentialsPage })));
const HomePage = lazy(() => import('./pages/HomePage').then((m) => ({ default: m.HomePage })));
const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage').then((m) => ({ default: m.ChangePasswordPage })));
const ProfilePage = lazy(() => import('./pages/ProfilePage').then((m) => ({ default: m.ProfilePage })));
const RolesPage = lazy(() => import('./pages/RolesPage').then((m) => ({ default: m.RolesPage })));
const UnitsPage = lazy(() => import('./pages/UnitsPage').then((m) => ({ default: m.UnitsPage })));
const UsersPage = lazy(() => import('./pages/UsersPage').then((m) => ({ default: m.UsersPage })));
const CatalogPage = lazy(() => import('./pages/catalog/CatalogPage').then((m) => ({ default: m.CatalogPage })));
const ResourceDetailPage = lazy(() => import('./pages/catalog/ResourceDetailPage').then((m) => ({ default: m.ResourceDetailPage })));
const ResourceEditPage = lazy(() => import('./pages/catalog/ResourceEditPage').then((m) => ({ default: m.ResourceEditPage })));
const ResourceVersionPage = lazy(() => import('./pages/catalog/ResourceVersionPage').then((m) => ({ default: m.ResourceVersionPage })));
const ReviewQueuePage = lazy(() => import('./pages/catalog/ReviewQueuePage').then((m) => ({ default: m.ReviewQueuePage })));
const CollectionPage = lazy(() => import('./pages/catalog/CollectionPage').then((m) => ({ default: m.CollectionPage })));
const ImportPage = lazy(() => import('./pages/catalog/ImportPage').then((m) => ({ default: m.ImportPage })));
const OpenCatalogPage = lazy(() => import('./pages/catalog/OpenCatalogPage').then((m) => ({ default: m.OpenCatalogPage })));
const BatchesPage = lazy(() => import('./pages/governance/BatchesPage').then((m) => ({ default: m.BatchesPage })));
const BatchDetailPage = lazy(() => import('./pages/governance/BatchDetailPage').then((m) => ({ default: m.BatchDetailPage })));
const RulesPage = lazy(() => import('./pages/governance/RulesPage').then((m) => ({ default: m.RulesPage })));
const TicketsPage = lazy(() => import('./pages/governance/TicketsPage').then((m) => ({ default: m.TicketsPage })));
const TicketDetailPage = lazy(() => import('./pages/governance/TicketDetailPage').then((m) => ({ default: m.TicketDetailPage })));
const QualityPage = lazy(() => import('./pages/governance/QualityPage').then((m) => ({ default: m.QualityPage })));
const LibrariesPage = lazy(() => import('./pages/governance/LibrariesPage').then((m) => ({ default: m.LibrariesPage })));
const WebhooksPage = lazy(() => import('./pages/governance/WebhooksPage').then((m) => ({ default: m.WebhooksPage })));

export const CHANGE_PASSWORD_PATH = '/change-password';

export interface ConsolePage {
  path: string;
  label: MessageKey;
  /** Menu section; sections left without a visible page are not shown. */
  group: MessageKey;
  icon: ReactNode;
  /** Needed to see the page; none means every signed-in user. */
  permission?: string;
  /** false for pages reached from another page (a resource, its editor), not from the menu. */
  menu?: false;
  element: ReactNode;
}

export const consolePages: ConsolePage[] = [
  { path: '/', label: 'menu.home', group: 'menu.workspace', icon: <HomeOutlined />, element: <HomePage /> },
  { path: '/profile', label: 'menu.profile', group: 'menu.workspace', icon: <UserOutlined />, element: <ProfilePage /> },
  // where ConsoleLayout sends a session that must change its password first; left by the change itself
  {
    path: CHANGE_PASSWORD_PATH,
    label: 'password.forcedTitle',
    group: 'menu.workspace',
    icon: null,
    menu: false,
    element: <ChangePasswordPage />,
  },
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
    path: '/catalog',
    label: 'menu.catalog',
    group: 'menu.catalogGroup',
    icon: <DatabaseOutlined />,
    permission: 'catalog.read',
    element: <CatalogPage />,
  },
  {
    path: '/catalog/review',
    label: 'menu.catalogReview',
    group: 'menu.catalogGroup',
    icon: <FileDoneOutlined />,
    permission: 'catalog.review',
    element: <ReviewQueuePage />,
  },
  {
    path: '/catalog/collection',
    label: 'menu.catalogCollection',
    group: 'menu.catalogGroup',
    icon: <InboxOutlined />,
    permission: 'catalog.read',
    element: <CollectionPage />,
  },
  {
    path: '/catalog/open',
    label: 'menu.catalogOpen',
    group: 'menu.catalogGroup',
    icon: <GlobalOutlined />,
    permission: 'catalog.read',
    element: <OpenCatalogPage />,
  },
  // Reached from the catalog pages; the menu keeps 资源目录 highlighted (longest prefix).
  {
    path: '/catalog/import',
    label: 'catalog.import',
    group: 'menu.catalogGroup',
    icon: null,
    permission: 'catalog.edit',
    menu: false,
    element: <ImportPage />,
  },
  {
    path: '/catalog/new',
    label: 'catalog.create',
    group: 'menu.catalogGroup',
    icon: null,
    permission: 'catalog.edit',
    menu: false,
    element: <ResourceEditPage />,
  },
  {
    path: '/catalog/:id',
    label: 'menu.catalog',
    group: 'menu.catalogGroup',
    icon: null,
    permission: 'catalog.read',
    menu: false,
    element: <ResourceDetailPage />,
  },
  {
    path: '/catalog/:id/edit',
    label: 'catalog.action.edit',
    group: 'menu.catalogGroup',
    icon: null,
    permission: 'catalog.edit',
    menu: false,
    element: <ResourceEditPage />,
  },
  {
    path: '/catalog/:id/versions/:version',
    label: 'catalog.tab.versions',
    group: 'menu.catalogGroup',
    icon: null,
    permission: 'catalog.read',
    menu: false,
    element: <ResourceVersionPage />,
  },
  {
    path: '/aggregation/batches',
    label: 'menu.batches',
    group: 'menu.governanceGroup',
    icon: <CloudUploadOutlined />,
    permission: 'batches.read',
    element: <BatchesPage />,
  },
  // Reached from the batch list, a ticket or the base library; the menu keeps 数据汇聚 highlighted.
  {
    path: '/aggregation/batches/:id',
    label: 'menu.batches',
    group: 'menu.governanceGroup',
    icon: null,
    permission: 'batches.read',
    menu: false,
    element: <BatchDetailPage />,
  },
  {
    path: '/governance/tickets',
    label: 'menu.tickets',
    group: 'menu.governanceGroup',
    icon: <ProfileOutlined />,
    permission: 'tickets.read',
    element: <TicketsPage />,
  },
  // Notifications link here (src/governance/tickets.ts writes `/governance/tickets/<id>`).
  {
    path: '/governance/tickets/:id',
    label: 'menu.tickets',
    group: 'menu.governanceGroup',
    icon: null,
    permission: 'tickets.read',
    menu: false,
    element: <TicketDetailPage />,
  },
  {
    path: '/governance/rules',
    label: 'menu.rules',
    group: 'menu.governanceGroup',
    icon: <ToolOutlined />,
    permission: 'rules.read',
    element: <RulesPage />,
  },
  {
    path: '/governance/quality',
    label: 'menu.quality',
    group: 'menu.governanceGroup',
    icon: <DashboardOutlined />,
    permission: 'quality.read',
    element: <QualityPage />,
  },
  {
    path: '/governance/libraries',
    label: 'menu.libraries',
    group: 'menu.governanceGroup',
    icon: <ClusterOutlined />,
    permission: 'libraries.read',
    element: <LibrariesPage />,
  },
  {
    path: '/governance/webhooks',
    label: 'menu.webhooks',
    group: 'menu.governanceGroup',
    icon: <ApiOutlined />,
    permission: 'webhooks.manage',
    element: <WebhooksPage />,
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
