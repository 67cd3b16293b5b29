// 资源详情: one resource as the caller may see it (its working copy for the provider, the platform
// service unit and the regulator; the published version for everyone else), with the actions its
// state allows, its data elements and its version history.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Spin, Tabs, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { ResourceStatusTag } from '../../catalog/ResourceStatusTag';
import type { OpenEntry, Resource } from '../../catalog/types';
import { useUnits } from '../../catalog/use-units';
import { vocabLabel } from '../../catalog/vocab';
import { LoadError } from '../../components/LoadError';
import { formatTime } from '../../format';
import { useI18n } from '../../i18n';
import type { ListResponse } from '../../types';
import { useApi } from '../../use-api';
import { ElementTable } from './ElementTable';
import { ResourceActions } from './ResourceActions';
import { ResourceMetadata } from './ResourceMetadata';
import { VersionHistory } from './VersionHistory';

const TABS = ['metadata', 'elements', 'versions'] as const;

export function ResourceDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'metadata';
  const { nameOf } = useUnits();
  const path = `/api/v1/catalog/resources/${encodeURIComponent(id)}`;
  const resource = useApi(`resource:${id}`, () => api.get<Resource>(path));
  const r = resource.data;
  // A newer working copy over a published version: the open catalog goes by the published one.
  const publishedVersion = r && r.publishedVersion != null && r.publishedVersion !== r.version ? r.publishedVersion : null;
  const published = useApi(publishedVersion ? `resource:${id}:v${publishedVersion}` : null, () =>
    api.get<Resource>(`${path}/versions/${publishedVersion}`),
  );
  const open = useApi(r ? `open-entries:${r.updatedAt}` : null, () => api.get<ListResponse<OpenEntry>>('/api/v1/catalog/open'));

  if (resource.error && !r) return <LoadError error={resource.error} onRetry={resource.reload} />;
  if (!r) return <Spin style={{ display: 'block', margin: '64px auto' }} />;

  const openEntry = open.data?.items.find((e) => e.resourceId === r.id) ?? null;
  const reload = () => {
    resource.reload();
    open.reload();
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/catalog">
        <ArrowLeftOutlined /> {t('menu.catalog')}
      </Link>
      {r.status === 'returned' && r.reviewComment && (
        <Alert type="warning" showIcon title={t('catalog.returnedAlert')} description={r.reviewComment} data-testid="returned-alert" />
      )}
      {r.deprecatedAt && (
        <Alert
          type="error"
          showIcon
          title={t('catalog.deprecatedAlert', { time: formatTime(r.deprecatedAt) })}
          description={r.reviewComment ? t('catalog.deprecatedReason', { reason: r.reviewComment }) : undefined}
        />
      )}
      {publishedVersion && (
        <Alert
          type="info"
          showIcon
          title={t('catalog.newVersionAlert', {
            version: r.version,
            status: vocabLabel(t, 'status', r.status),
            published: publishedVersion,
          })}
          action={
            <Link to={`/catalog/${r.id}/versions/${publishedVersion}`}>
              <Button size="small">{t('catalog.viewPublished')}</Button>
            </Link>
          }
          data-testid="new-version-alert"
        />
      )}
      <Card
        title={
          <Space size={8} wrap>
            <span data-testid="resource-name">{r.name}</span>
            <ResourceStatusTag status={r.status} />
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {r.code} · v{r.version}
            </Typography.Text>
          </Space>
        }
        extra={<ResourceActions resource={r} publishedOpenType={published.data?.openType} openEntry={openEntry} onChanged={reload} />}
      >
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            if (key === 'metadata') next.delete('tab');
            else next.set('tab', key);
            setParams(next, { replace: true });
          }}
          items={[
            {
              key: 'metadata',
              label: t('catalog.tab.metadata'),
              children: <ResourceMetadata resource={r} openEntry={openEntry} showOpenEntry />,
            },
            {
              key: 'elements',
              label: t('catalog.tab.elementsCount', { n: r.elements.length }),
              children: <ElementTable elements={r.elements} unitName={nameOf} />,
            },
            {
              key: 'versions',
              label: t('catalog.tab.versions'),
              children: <VersionHistory resourceId={r.id} revision={`${r.version}:${r.updatedAt}`} unitName={nameOf} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
