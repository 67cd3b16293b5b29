// Every problem of a batch, one row per record and rule, 200 to a page as the server pages them: which
// record (its number in the file and its key), which element and rule, the dimension and severity, the
// value as read and the message, and where the record stands now (open, corrected, disputed).
import { Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { LoadError } from '../../components/LoadError';
import { localText } from '../../errors';
import { RecordStatusTag, SeverityTag, VerdictTag } from '../../governance/StatusTags';
import type { BatchProblem, BatchProblems } from '../../governance/types';
import { govLabel, ruleLabel } from '../../governance/vocab';
import { useI18n } from '../../i18n';
import { useApi } from '../../use-api';

const SERVER_PAGE_SIZE = 200;

interface Props {
  batchId: string;
  /** Changes when the batch changes, so the problems are fetched again. */
  revision: string;
  elementName: (code: string) => string | undefined;
}

export function BatchProblemsTable({ batchId, revision, elementName }: Props) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const problems = useApi(`batch-problems:${batchId}:${revision}:${page}`, () =>
    api.get<BatchProblems>(`/api/v1/aggregation/batches/${encodeURIComponent(batchId)}/problems`, { page }),
  );
  if (problems.error && !problems.data) return <LoadError error={problems.error} onRetry={problems.reload} />;

  const columns: TableColumnsType<BatchProblem> = [
    { title: t('gov.problem.record'), dataIndex: 'record', width: 80 },
    {
      title: t('gov.problem.key'),
      dataIndex: 'key',
      width: 180,
      render: (key: string | null) => key ?? t('common.none'),
    },
    {
      title: t('gov.problem.element'),
      dataIndex: 'element',
      width: 130,
      render: (code: string) => elementName(code) ?? code,
    },
    { title: t('gov.problem.rule'), dataIndex: 'rule', width: 170, render: (rule: string) => ruleLabel(t, rule, elementName) },
    { title: t('gov.problem.dimension'), dataIndex: 'dimension', width: 90, render: (d: string) => govLabel(t, 'dimension', d) },
    { title: t('gov.problem.severity'), dataIndex: 'severity', width: 80, render: (s: string) => <SeverityTag severity={s} /> },
    {
      title: t('gov.problem.value'),
      dataIndex: 'value',
      width: 180,
      render: (v: string | null) => (v == null ? <Typography.Text type="secondary">{t('gov.problem.empty')}</Typography.Text> : v),
    },
    { title: t('gov.problem.message'), dataIndex: 'message', render: (m: string) => localText(m, lang) },
    { title: t('gov.problem.verdict'), dataIndex: 'verdict', width: 90, render: (v: string) => <VerdictTag verdict={v} /> },
    { title: t('gov.problem.status'), dataIndex: 'status', width: 90, render: (s: string) => <RecordStatusTag status={s} /> },
  ];

  return (
    <Table<BatchProblem>
      rowKey={(p) => `${p.record}:${p.rule}`}
      size="small"
      loading={problems.loading}
      columns={columns}
      dataSource={problems.data?.items ?? []}
      locale={{ emptyText: t('gov.problem.none') }}
      scroll={{ x: 1300 }}
      pagination={{
        current: page,
        pageSize: SERVER_PAGE_SIZE,
        total: problems.data?.total ?? 0,
        showSizeChanger: false,
        hideOnSinglePage: true,
        showTotal: (n) => t('common.total', { n }),
        onChange: setPage,
      }}
      data-testid="batch-problems"
    />
  );
}
