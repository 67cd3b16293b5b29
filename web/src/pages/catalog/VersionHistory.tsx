// 版本历史: every version of a resource the caller may see, newest first, each with what changed
// against the version before it, and a link to read the version whole.
import { Collapse, Space, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { ResourceStatusTag } from '../../catalog/ResourceStatusTag';
import type { VersionEntry } from '../../catalog/types';
import { LoadError } from '../../components/LoadError';
import { formatTime } from '../../format';
import { useI18n } from '../../i18n';
import type { ListResponse } from '../../types';
import { useApi } from '../../use-api';
import { VersionDiffTable } from './VersionDiffTable';

interface Props {
  resourceId: string;
  /** Changes when the resource changes, so the history is fetched again. */
  revision: string;
  unitName: (id: string) => string | undefined;
}

export function VersionHistory({ resourceId, revision, unitName }: Props) {
  const { t } = useI18n();
  const versions = useApi(`versions:${resourceId}:${revision}`, () =>
    api.get<ListResponse<VersionEntry>>(`/api/v1/catalog/resources/${encodeURIComponent(resourceId)}/versions`),
  );
  if (versions.error && !versions.data) return <LoadError error={versions.error} onRetry={versions.reload} />;
  if (!versions.data) return <Spin style={{ display: 'block', margin: '32px auto' }} />;
  const items = versions.data.items;
  const oldest = items[items.length - 1]?.version;

  return (
    <Collapse
      defaultActiveKey={items[0] ? [String(items[0].version)] : []}
      data-testid="version-history"
      items={items.map((v) => ({
        key: String(v.version),
        label: (
          <Space size={8} wrap data-testid={`version-${v.version}`}>
            <Typography.Text strong>{t('catalog.version.title', { version: v.version })}</Typography.Text>
            <ResourceStatusTag status={v.status} />
            <Typography.Text type="secondary">{t('catalog.version.createdAt', { time: formatTime(v.createdAt) })}</Typography.Text>
            {v.version !== oldest && (
              <Typography.Text type="secondary">· {t('catalog.version.changes', { n: v.changes.length })}</Typography.Text>
            )}
          </Space>
        ),
        extra: (
          <Link to={`/catalog/${resourceId}/versions/${v.version}`} onClick={(e) => e.stopPropagation()}>
            {t('catalog.version.view')}
          </Link>
        ),
        children: (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {(v.publishedAt || v.reviewComment) && (
              <Typography.Text type="secondary">
                {v.publishedAt && `${t('catalog.field.publishedAt')}${t('common.colon')}${formatTime(v.publishedAt)}　`}
                {v.reviewComment && `${t('catalog.field.reviewComment')}${t('common.colon')}${v.reviewComment}`}
              </Typography.Text>
            )}
            {v.version === oldest && <Typography.Text type="secondary">{t('catalog.version.first')}</Typography.Text>}
            <VersionDiffTable changes={v.changes} unitName={unitName} />
          </Space>
        ),
      }))}
    />
  );
}
