// A resource's metadata after GB/T 21063, in the sections a catalog reviewer reads it: basic facts,
// sharing, opening, grading, and where it stands in review.
import { Descriptions, Space, Tag, Typography, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { GradeTag, OpenStatusTag, ResourceStatusTag } from '../../catalog/ResourceStatusTag';
import type { OpenEntry, Resource } from '../../catalog/types';
import { vocabLabel } from '../../catalog/vocab';
import { formatTime } from '../../format';
import { useI18n } from '../../i18n';

interface Props {
  resource: Resource;
  /** The resource's open catalog entry, when it has one (not shown for old versions). */
  openEntry?: OpenEntry | null;
  showOpenEntry?: boolean;
}

export function ResourceMetadata({ resource: r, openEntry, showOpenEntry }: Props) {
  const { t } = useI18n();
  const dash = t('common.none');
  const text = (v: string | null | undefined) => (v && v.trim() ? v : dash);
  const item = (key: string, label: string, children: ReactNode, span?: number) => ({ key, label, children, span });
  const section = (title: string, items: DescriptionsProps['items']) => (
    <Descriptions
      title={title}
      bordered
      size="small"
      column={2}
      items={items}
      styles={{ label: { width: 150 } }}
      style={{ marginBottom: 24 }}
    />
  );

  const basic = [
    item(
      'code',
      t('catalog.field.code'),
      <Typography.Text code copyable>
        {r.code}
      </Typography.Text>,
    ),
    item('name', t('catalog.field.name'), r.name),
    item('provider', t('catalog.field.provider'), r.providerName),
    item(
      'kind',
      t('catalog.field.kind'),
      r.kind === 'base' && r.baseCategory
        ? `${vocabLabel(t, 'kind', r.kind)} · ${vocabLabel(t, 'baseCategory', r.baseCategory)}`
        : vocabLabel(t, 'kind', r.kind),
    ),
    item('subject', t('catalog.field.subject'), r.subject),
    item('format', t('catalog.field.format'), vocabLabel(t, 'format', r.format)),
    item('updateCycle', t('catalog.field.updateCycle'), vocabLabel(t, 'updateCycle', r.updateCycle)),
    item('publishDate', t('catalog.field.publishDate'), text(r.publishDate)),
    item(
      'related',
      t('catalog.field.related'),
      r.related.length ? (
        <Space size={[4, 4]} wrap>
          {r.related.map((c) => (
            <Tag key={c}>{c}</Tag>
          ))}
        </Space>
      ) : (
        dash
      ),
      2,
    ),
    item('summary', t('catalog.field.summary'), <span style={{ whiteSpace: 'pre-wrap' }}>{text(r.summary)}</span>, 2),
  ];
  const sharing = [
    item('sharingType', t('catalog.field.sharingType'), vocabLabel(t, 'sharingType', r.sharingType)),
    item(
      'sharingModes',
      t('catalog.field.sharingModes'),
      r.sharingModes.length ? r.sharingModes.map((m) => vocabLabel(t, 'sharingMode', m)).join(t('common.listSep')) : dash,
    ),
    item('sharingCondition', t('catalog.field.sharingCondition'), text(r.sharingCondition), 2),
    item('sharingLegalBasis', t('catalog.field.sharingLegalBasis'), text(r.sharingLegalBasis), 2),
  ];
  const open = [
    item('openType', t('catalog.field.openType'), vocabLabel(t, 'openType', r.openType)),
    item(
      'openEntry',
      t('catalog.field.openEntry'),
      showOpenEntry && openEntry ? (
        <Space size={4}>
          <OpenStatusTag status={openEntry.status} />
          <span>v{openEntry.version}</span>
          {openEntry.reviewComment && <Typography.Text type="secondary">{openEntry.reviewComment}</Typography.Text>}
        </Space>
      ) : (
        dash
      ),
    ),
    item('openCondition', t('catalog.field.openCondition'), text(r.openCondition), 2),
  ];
  const grading = [
    item('grade', t('catalog.field.grade'), <GradeTag grade={r.grade} level={r.gradeLevel} />),
    item('gradingRationale', t('catalog.field.gradingRationale'), text(r.gradingRationale)),
  ];
  const review = [
    item('status', t('catalog.field.status'), <ResourceStatusTag status={r.status} />),
    item(
      'version',
      t('catalog.field.version'),
      <Space size={8}>
        <span>v{r.version}</span>
        {r.publishedVersion != null && r.publishedVersion !== r.version && (
          <Typography.Text type="secondary">
            {t('catalog.status.published')} v{r.publishedVersion}
          </Typography.Text>
        )}
      </Space>,
    ),
    item('submittedAt', t('catalog.field.submittedAt'), formatTime(r.submittedAt)),
    item('reviewedAt', t('catalog.field.reviewedAt'), formatTime(r.reviewedAt)),
    item('publishedAt', t('catalog.field.publishedAt'), formatTime(r.publishedAt)),
    item('updatedAt', t('catalog.field.updatedAt'), formatTime(r.updatedAt)),
    item('reviewComment', t('catalog.field.reviewComment'), <span data-testid="review-comment">{text(r.reviewComment)}</span>, 2),
  ];

  return (
    <div data-testid="resource-metadata">
      {section(t('catalog.section.basic'), basic)}
      {section(t('catalog.section.sharing'), sharing)}
      {section(t('catalog.section.open'), open)}
      {section(t('catalog.section.grading'), grading)}
      {section(t('catalog.section.review'), review)}
    </div>
  );
}
