// An audit entry's action in the table: its label for the auditor, with the code under it in secondary
// text, copyable (the filter and the docs name codes). An action without a label shows its code alone.
import { Typography } from 'antd';
import { useI18n } from '../i18n';
import { actionLabel } from './audit-actions';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 };

export function AuditAction({ code }: { code: string }) {
  const { t } = useI18n();
  const label = actionLabel(t, code);
  const codeText = (
    <Typography.Text type={label ? 'secondary' : undefined} style={mono} copyable={{ text: code }}>
      {code}
    </Typography.Text>
  );
  if (!label) return codeText;
  return (
    <div>
      <div>{label}</div>
      {codeText}
    </div>
  );
}
