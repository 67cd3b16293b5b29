// The data elements (信息项) of a resource, read-only: what each holds, whether it is personal
// information, how sensitive, how it is masked when shared, and which unit is its authoritative source.
import { CheckOutlined } from '@ant-design/icons';
import { Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { DataElement } from '../../catalog/types';
import { vocabLabel } from '../../catalog/vocab';
import { useI18n } from '../../i18n';

const SENSITIVITY_COLORS: Record<string, string> = { none: 'default', personal: 'gold', sensitive: 'red' };

interface Props {
  elements: DataElement[];
  unitName: (id: string | null | undefined) => string | undefined;
}

export function ElementTable({ elements, unitName }: Props) {
  const { t } = useI18n();
  const dash = t('common.none');
  const tick = (on: boolean) => (on ? <CheckOutlined style={{ color: '#1d5fbf' }} aria-label={t('common.yes')} /> : null);

  const columns: TableColumnsType<DataElement> = [
    { title: t('catalog.element.index'), key: 'index', width: 56, render: (_, __, i) => i + 1 },
    { title: t('catalog.element.name'), dataIndex: 'name', width: 140 },
    {
      title: t('catalog.element.code'),
      dataIndex: 'code',
      width: 170,
      render: (c: string) => <span style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>{c}</span>,
    },
    { title: t('catalog.element.type'), dataIndex: 'type', width: 90, render: (v: string) => vocabLabel(t, 'elementType', v) },
    {
      title: t('catalog.element.length'),
      key: 'length',
      width: 70,
      render: (_, e) =>
        e.length != null
          ? e.precision != null
            ? `${e.length},${e.precision}`
            : e.length
          : e.precision != null
            ? `(${e.precision})`
            : dash,
    },
    { title: t('catalog.element.required'), dataIndex: 'required', width: 84, align: 'center', render: tick },
    { title: t('catalog.element.key'), dataIndex: 'key', width: 60, align: 'center', render: tick },
    {
      title: t('catalog.element.standard'),
      key: 'standard',
      width: 150,
      render: (_, e) =>
        e.standardRef || e.codeTable ? (
          <Space orientation="vertical" size={0}>
            {e.standardRef && <span>{e.standardRef}</span>}
            {e.codeTable && <Typography.Text type="secondary">{e.codeTable}</Typography.Text>}
          </Space>
        ) : (
          dash
        ),
    },
    { title: t('catalog.element.personalInfo'), dataIndex: 'personalInfo', width: 80, align: 'center', render: tick },
    {
      title: t('catalog.element.sensitivity'),
      dataIndex: 'sensitivity',
      width: 150,
      // the tag may take two lines ("Sensitive personal information") rather than run into the next column
      render: (s: string) =>
        s === 'none' ? (
          dash
        ) : (
          <Tag color={SENSITIVITY_COLORS[s]} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
            {vocabLabel(t, 'sensitivity', s)}
          </Tag>
        ),
    },
    {
      title: t('catalog.element.maskingRule'),
      dataIndex: 'maskingRule',
      width: 100,
      render: (m: string) => (m === 'none' ? dash : vocabLabel(t, 'maskingRule', m)),
    },
    {
      title: t('catalog.element.authoritativeUnitId'),
      dataIndex: 'authoritativeUnitId',
      width: 160,
      ellipsis: true,
      render: (id: string | null | undefined) => (id ? (unitName(id) ?? id) : dash),
    },
  ];

  return (
    <Table<DataElement>
      rowKey="code"
      size="small"
      columns={columns}
      dataSource={elements}
      pagination={false}
      scroll={{ x: 1310 }}
      locale={{ emptyText: t('catalog.element.empty') }}
      footer={() => t('catalog.element.count', { n: elements.length })}
      data-testid="element-table"
    />
  );
}
