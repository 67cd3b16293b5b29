// One earlier (or the published) version of a resource, read-only, as it stood. It is called earlier only
// when the resource has moved on: the link from the history also leads to the version in force.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Spin, Tabs, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api';
import { ResourceStatusTag } from '../../catalog/ResourceStatusTag';
import type { Resource } from '../../catalog/types';
import { useUnits } from '../../catalog/use-units';
import { vocabLabel } from '../../catalog/vocab';
import { LoadError } from '../../components/LoadError';
import { useI18n } from '../../i18n';
import { useApi } from '../../use-api';
import { ElementTable } from './ElementTable';
import { ResourceMetadata } from './ResourceMetadata';

export function ResourceVersionPage() {
  const { id = '', version = '' } = useParams();
  const { t } = useI18n();
  const { nameOf } = useUnits();
  const loaded = useApi(`resource:${id}:v${version}`, () =>
    api.get<Resource>(`/api/v1/catalog/resources/${encodeURIComponent(id)}/versions/${encodeURIComponent(version)}`),
  );
  const current = useApi(`resource:${id}`, () => api.get<Resource>(`/api/v1/catalog/resources/${encodeURIComponent(id)}`));
  const r = loaded.data;
  if (loaded.error && !r) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!r) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  const earlier = current.data ? current.data.version !== r.version : Boolean(current.error);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to={`/catalog/${r.id}?tab=versions`}>
        <ArrowLeftOutlined /> {t('catalog.tab.versions')}
      </Link>
      {earlier && (
        <Alert
          type="info"
          showIcon
          title={t('catalog.oldVersionAlert', { version: r.version, status: vocabLabel(t, 'status', r.status) })}
          action={
            <Link to={`/catalog/${r.id}`}>
              <Button size="small">{t('catalog.viewCurrent')}</Button>
            </Link>
          }
          data-testid="old-version-alert"
        />
      )}
      <Card
        title={
          <Space size={8} wrap>
            <span>{r.name}</span>
            <ResourceStatusTag status={r.status} />
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {r.code} · v{r.version}
            </Typography.Text>
          </Space>
        }
      >
        <Tabs
          items={[
            { key: 'metadata', label: t('catalog.tab.metadata'), children: <ResourceMetadata resource={r} /> },
            {
              key: 'elements',
              label: t('catalog.tab.elementsCount', { n: r.elements.length }),
              children: <ElementTable elements={r.elements} unitName={nameOf} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
