// The expanded row of an audit entry: the full details and the two hashes that chain it to the
// previous entry, so an auditor can check a suspicious entry by hand.
import { Descriptions, Typography } from 'antd';
import { useI18n } from '../i18n';
import type { AuditEntry } from '../types';

export function AuditEntryDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 };
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      styles={{ label: { width: 140 } }}
      items={[
        {
          key: 'details',
          label: t('audit.details'),
          children: (
            <pre style={{ ...mono, margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {JSON.stringify(entry.details ?? null, null, 2)}
            </pre>
          ),
        },
        {
          key: 'prevHash',
          label: t('audit.prevHash'),
          children: (
            <Typography.Text style={mono} copyable>
              {entry.prevHash}
            </Typography.Text>
          ),
        },
        {
          key: 'hash',
          label: t('audit.hash'),
          children: (
            <Typography.Text style={mono} copyable>
              {entry.hash}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
