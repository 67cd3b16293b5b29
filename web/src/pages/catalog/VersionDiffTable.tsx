// The field-level changes of one version against the one before it.
import { Table, Tag, type TableColumnsType } from 'antd';
import { elementChangeKind, fieldLabel, valueText } from '../../catalog/diff-format';
import type { FieldChange } from '../../catalog/types';
import { useI18n } from '../../i18n';

interface Props {
  changes: FieldChange[];
  unitName: (id: string) => string | undefined;
}

export function VersionDiffTable({ changes, unitName }: Props) {
  const { t } = useI18n();
  const columns: TableColumnsType<FieldChange> = [
    {
      title: t('catalog.version.field'),
      dataIndex: 'field',
      width: '28%',
      render: (f: string, c) => {
        const kind = elementChangeKind(c);
        return (
          <span>
            {fieldLabel(t, f)}
            {kind && (
              <Tag color={kind === 'added' ? 'green' : 'red'} style={{ marginLeft: 8 }}>
                {t(`catalog.version.${kind}`)}
              </Tag>
            )}
          </span>
        );
      },
    },
    {
      title: t('catalog.version.before'),
      dataIndex: 'before',
      render: (v: unknown, c) => (
        <del style={{ color: '#a8071a', textDecorationColor: '#ffa39e' }}>{valueText(t, c.field, v, unitName)}</del>
      ),
    },
    {
      title: t('catalog.version.after'),
      dataIndex: 'after',
      render: (v: unknown, c) => <span style={{ color: '#135200' }}>{valueText(t, c.field, v, unitName)}</span>,
    },
  ];
  return (
    <Table<FieldChange>
      rowKey="field"
      size="small"
      columns={columns}
      dataSource={changes}
      pagination={changes.length > 30 ? { pageSize: 30, size: 'small' } : false}
      locale={{ emptyText: t('catalog.version.noChanges') }}
      data-testid="version-diff"
    />
  );
}
