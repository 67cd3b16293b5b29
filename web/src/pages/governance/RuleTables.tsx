// The rule set in tables beside its text: each quality rule with the element, kind, dimension and
// severity it has (defaults filled in as the server applies them), and each element's cleansing steps.
import { Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { DataElement } from '../../catalog/types';
import { ruleRows, stepText, type RuleRow } from '../../governance/rule-text';
import { SeverityTag } from '../../governance/StatusTags';
import type { RuleSet } from '../../governance/types';
import { govLabel } from '../../governance/vocab';
import { isMessageKey, useI18n, type MessageKey } from '../../i18n';

interface Props {
  ruleSet: RuleSet | null;
  elements: DataElement[];
}

function elementLabel(elements: DataElement[], code: string): string {
  const e = elements.find((x) => x.code === code);
  return e ? `${e.name}（${code}）` : code;
}

export function RuleTable({ ruleSet, elements }: Props) {
  const { t } = useI18n();
  const columns: TableColumnsType<RuleRow> = [
    {
      title: t('gov.rules.id'),
      dataIndex: 'id',
      // the longest generated id (formula:household_address) on one line
      width: 215,
      render: (id: string) => (
        <Typography.Text code style={{ fontSize: 12 }}>
          {id}
        </Typography.Text>
      ),
    },
    {
      title: t('gov.rules.element'),
      dataIndex: 'element',
      width: 170,
      render: (code: string) =>
        elements.some((e) => e.code === code) ? elementLabel(elements, code) : <Typography.Text type="danger">{code}</Typography.Text>,
    },
    {
      title: t('gov.rules.kind'),
      dataIndex: 'kind',
      width: 130,
      render: (kind: string, r) => (
        <Space orientation="vertical" size={0}>
          {govLabel(t, 'ruleKind', kind)}
          {r.options && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.options}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('gov.problem.dimension'), dataIndex: 'dimension', width: 112, render: (d: string) => govLabel(t, 'dimension', d) },
    { title: t('gov.problem.severity'), dataIndex: 'severity', width: 80, render: (s: string) => <SeverityTag severity={s} /> },
  ];
  return (
    <Table<RuleRow>
      rowKey={(r, i) => `${r.id}:${i}`}
      size="small"
      columns={columns}
      dataSource={ruleSet ? ruleRows(ruleSet) : []}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      scroll={{ x: 710 }}
      data-testid="rules-table"
    />
  );
}

function stepLabel(t: (key: MessageKey) => string, name: string): string {
  const key = `gov.step.${name}`;
  return isMessageKey(key) ? t(key) : name;
}

export function CleansingTable({ ruleSet, elements }: Props) {
  const { t } = useI18n();
  const rows = Object.entries(ruleSet?.cleansing ?? {}).map(([element, steps]) => ({ element, steps: Array.isArray(steps) ? steps : [] }));
  return (
    <Table
      rowKey="element"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('gov.rules.element'), dataIndex: 'element', width: 200, render: (code: string) => elementLabel(elements, code) },
        {
          title: t('gov.rules.steps'),
          dataIndex: 'steps',
          render: (steps: RuleSet['cleansing'][string]) => (
            <Space size={[4, 6]} wrap>
              {steps.map((s, i) => {
                const { name, detail } = stepText(s);
                return (
                  <Tag key={i} title={name}>
                    {stepLabel(t, name)}
                    {detail ? `${t('common.colon')}${detail}` : ''}
                  </Tag>
                );
              })}
            </Space>
          ),
        },
      ]}
      data-testid="cleansing-table"
    />
  );
}
