// The saved versions of a resource's rule set, newest first, each with when it was saved and why. Every
// batch records the version it was checked with, so a score can be traced to the rules behind it.
import { Table, Tag, Typography } from 'antd';
import { formatTime } from '../../format';
import type { RuleSetVersion } from '../../governance/types';
import { useI18n } from '../../i18n';

export function RuleHistory({ history }: { history: RuleSetVersion[] }) {
  const { t } = useI18n();
  if (history.length === 0) return <Typography.Text type="secondary">{t('gov.rules.noHistory')}</Typography.Text>;
  return (
    <Table<RuleSetVersion>
      rowKey="version"
      size="small"
      pagination={false}
      dataSource={history}
      columns={[
        {
          title: t('gov.rules.version'),
          dataIndex: 'version',
          width: 90,
          render: (v: number, _, i) => <Tag color={i === 0 ? 'blue' : undefined}>{t('gov.rules.versionN', { version: v })}</Tag>,
        },
        { title: t('gov.rules.savedAt'), dataIndex: 'createdAt', width: 180, render: (v: string) => formatTime(v) },
        { title: t('gov.rules.comment'), dataIndex: 'comment', render: (c: string) => c || t('common.none') },
      ]}
      data-testid="rules-history"
    />
  );
}
