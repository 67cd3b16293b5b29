// A ticket's problem records, one row per record with one column per data element: the elements a rule
// found wrong are highlighted (the rules' messages come first in the row), and an open record can be
// edited in its row.
// Editing a record selects it for the next correction; the parent sends the selected records.
import { CheckOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Input, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import type { DataElement } from '../../catalog/types';
import { localText } from '../../errors';
import { changedElements, isCorrectable, type Drafts } from '../../governance/correction';
import { RecordStatusTag, VerdictTag } from '../../governance/StatusTags';
import type { ProblemRecord } from '../../governance/types';
import { useI18n } from '../../i18n';

interface Props {
  elements: DataElement[];
  records: ProblemRecord[];
  /** Whether the user may correct (tickets.correct, ticket still open). */
  editable: boolean;
  drafts: Drafts;
  editing: ReadonlySet<number>;
  selected: number[];
  loading: boolean;
  onEdit: (record: number, code: string, value: string) => void;
  onToggleEdit: (record: number) => void;
  onSelect: (records: number[]) => void;
  pagination: { current: number; pageSize: number; total: number; onChange: (page: number) => void };
}

const PROBLEM_CELL = { background: '#fff2f0' };

export function ProblemRecordsTable(p: Props) {
  const { t, lang } = useI18n();

  const elementColumns: TableColumnsType<ProblemRecord> = p.elements.map((e) => ({
    title: (
      <Tooltip title={e.code}>
        {e.name}
        {e.required ? <Typography.Text type="danger"> *</Typography.Text> : null}
      </Tooltip>
    ),
    key: e.code,
    width: e.type === 'date' || e.code.length < 6 ? 120 : 180,
    onCell: (r: ProblemRecord) => {
      const bad = r.problems.some((x) => x.element === e.code);
      return {
        style: bad ? PROBLEM_CELL : undefined,
        'data-problem': bad ? 'true' : undefined,
        'data-element': e.code,
      } as HTMLAttributes<HTMLElement>;
    },
    render: (_: unknown, r: ProblemRecord) => {
      const problems = r.problems.filter((x) => x.element === e.code);
      const draft = p.drafts[r.record]?.[e.code];
      const value = draft !== undefined ? draft : r.values[e.code];
      if (p.editing.has(r.record))
        return (
          <Input
            size="small"
            value={value ?? ''}
            status={problems.length && draft === undefined ? 'error' : undefined}
            onChange={(ev) => p.onEdit(r.record, e.code, ev.target.value)}
            data-testid={`fix-${e.code}`}
          />
        );
      const changed = draft !== undefined && changedElements(r, { [e.code]: draft }).length > 0;
      const text =
        value == null || value === '' ? (
          <Typography.Text type="secondary">{t('gov.problem.empty')}</Typography.Text>
        ) : (
          <Typography.Text type={problems.length && !changed ? 'danger' : undefined} mark={changed}>
            {value}
          </Typography.Text>
        );
      return problems.length ? <Tooltip title={problems.map((x) => localText(x.message, lang)).join('\n')}>{text}</Tooltip> : text;
    },
  }));

  const columns: TableColumnsType<ProblemRecord> = [
    { title: t('gov.problem.record'), dataIndex: 'record', width: 72, fixed: 'left' },
    {
      title: t('gov.problem.status'),
      key: 'state',
      width: 150,
      render: (_, r) => (
        <Space size={0}>
          <RecordStatusTag status={r.status} />
          <VerdictTag verdict={r.verdict} />
        </Space>
      ),
    },
    {
      title: t('gov.problem.problems'),
      key: 'problems',
      width: 260,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          {r.problems.map((x) => (
            <Typography.Text key={x.rule} type={x.severity === 'error' ? 'danger' : 'warning'} style={{ fontSize: 12 }}>
              {localText(x.message, lang)}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    ...elementColumns,
    ...(p.editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 96,
            fixed: 'right' as const,
            render: (_: unknown, r: ProblemRecord) =>
              isCorrectable(r) ? (
                <Button
                  size="small"
                  type={p.editing.has(r.record) ? 'primary' : 'default'}
                  icon={p.editing.has(r.record) ? <CheckOutlined /> : <EditOutlined />}
                  onClick={() => p.onToggleEdit(r.record)}
                  data-testid="record-edit"
                >
                  {p.editing.has(r.record) ? t('gov.correct.done') : t('gov.correct.edit')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Table<ProblemRecord>
      rowKey="record"
      size="small"
      loading={p.loading}
      columns={columns}
      dataSource={p.records}
      scroll={{ x: 560 + elementColumns.reduce((n, c) => n + Number(c.width ?? 150), 0) }}
      rowSelection={
        p.editable
          ? {
              selectedRowKeys: p.selected,
              onChange: (keys) => p.onSelect(keys.map(Number)),
              getCheckboxProps: (r) => ({ disabled: !isCorrectable(r) }),
            }
          : undefined
      }
      onRow={(r) => ({ 'data-testid': `record-row-${r.record}` }) as HTMLAttributes<HTMLElement>}
      pagination={{ ...p.pagination, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
      locale={{ emptyText: t('gov.problem.none') }}
      data-testid="ticket-records"
    />
  );
}
