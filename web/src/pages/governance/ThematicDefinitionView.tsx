// A thematic library's definition as people read it: where its rows start (a resource or a base library),
// what is joined on which elements and whether a match is required, which column comes from where, and
// the filters a row must pass. Read-only: the definition is declared through the API.
import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import { BASE_ALIAS, baseLabel, filterText, resourceLabel, type ThematicNames } from '../../governance/thematic-names';
import type { ThematicDefinition } from '../../governance/types';
import { useI18n } from '../../i18n';

type Join = ThematicDefinition['joins'][number];
type Column = ThematicDefinition['columns'][number];

export function ThematicDefinitionView({ definition: d, names }: { definition: ThematicDefinition; names: ThematicNames }) {
  const { t } = useI18n();
  return (
    <Descriptions
      column={1}
      bordered
      size="small"
      styles={{ label: { width: 120 } }}
      data-testid="thematic-definition"
      items={[
        { key: 'base', label: t('gov.thematic.base'), children: <span data-testid="thematic-base">{baseLabel(t, d, names)}</span> },
        {
          key: 'joins',
          label: t('gov.thematic.joins'),
          children:
            d.joins.length === 0 ? (
              <Typography.Text type="secondary">{t('gov.thematic.noJoins')}</Typography.Text>
            ) : (
              <Table<Join>
                rowKey="alias"
                size="small"
                pagination={false}
                dataSource={d.joins}
                data-testid="thematic-joins"
                columns={[
                  {
                    title: t('gov.thematic.alias'),
                    dataIndex: 'alias',
                    width: 100,
                    render: (a: string) => <Typography.Text code>{a}</Typography.Text>,
                  },
                  { title: t('gov.thematic.resource'), dataIndex: 'resource', render: (ref: string) => resourceLabel(ref, names) },
                  {
                    title: t('gov.thematic.on'),
                    key: 'on',
                    render: (_, j) => `${names.ref(BASE_ALIAS, j.on.base)} = ${names.ref(j.alias, j.on.element)}`,
                  },
                  {
                    title: t('gov.thematic.required'),
                    dataIndex: 'required',
                    width: 200,
                    render: (r: boolean) =>
                      r ? <Tag color="blue">{t('gov.thematic.requiredYes')}</Tag> : <Tag>{t('gov.thematic.requiredNo')}</Tag>,
                  },
                ]}
              />
            ),
        },
        {
          key: 'columns',
          label: t('gov.thematic.columns'),
          children: (
            <Table<Column>
              rowKey={(c) => c.as ?? c.element}
              size="small"
              pagination={false}
              dataSource={d.columns}
              data-testid="thematic-columns"
              columns={[
                {
                  title: t('gov.thematic.column'),
                  key: 'column',
                  render: (_, c) => {
                    const code = c.as ?? c.element;
                    return (
                      <Space size={4}>
                        {names.element(c.from, code)}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {code}
                        </Typography.Text>
                      </Space>
                    );
                  },
                },
                { title: t('gov.thematic.from'), key: 'from', render: (_, c) => names.ref(c.from, c.element) },
              ]}
            />
          ),
        },
        {
          key: 'filters',
          label: t('gov.thematic.filters'),
          children:
            d.filters.length === 0 ? (
              <Typography.Text type="secondary" data-testid="thematic-filters">
                {t('gov.thematic.noFilters')}
              </Typography.Text>
            ) : (
              <Space orientation="vertical" size={2} data-testid="thematic-filters">
                {d.filters.map((f, i) => (
                  <Typography.Text key={i}>{filterText(t, f, names)}</Typography.Text>
                ))}
              </Space>
            ),
        },
      ]}
    />
  );
}
