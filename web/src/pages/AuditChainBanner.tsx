// The state of the audit hash chain, checked by the server on every visit: the auditor should see
// at a glance whether the log can be trusted before reading anything in it. The server checks only
// what was appended since its last check (fast on a large log) and says so; "full check" re-reads
// the whole chain. The signed head is shown so that it can be compared with a record kept elsewhere.
import { useState } from 'react';
import { Alert, Button } from 'antd';
import { api } from '../api';
import { errorText } from '../errors';
import { formatTime } from '../format';
import { useI18n } from '../i18n';
import type { AuditVerify } from '../types';
import { useApi } from '../use-api';

export function AuditChainBanner() {
  const { t } = useI18n();
  const [fullRuns, setFullRuns] = useState(0);
  const verify = useApi(`audit-verify-${fullRuns}`, () =>
    api.get<AuditVerify>(fullRuns > 0 ? '/api/v1/audit/verify?full=true' : '/api/v1/audit/verify'),
  );
  const v = verify.data;

  if (verify.loading && !v) return <Alert type="info" showIcon title={t('audit.verifying')} />;
  if (!v) return <Alert type="warning" showIcon title={t('audit.verifyFailed', { reason: errorText(verify.error, t) })} />;

  const head = v.signedHead ?? v.lastCheckpoint;
  const details = [
    head ? t('audit.signedHead', { seq: head.seq, time: formatTime(head.at) }) : null,
    v.unsignedTail > 0 ? t('audit.unsignedTail', { n: v.unsignedTail }) : null,
    v.mode === 'incremental' ? t('audit.incremental', { time: formatTime(v.fullVerifiedAt) }) : null,
  ];
  const action = (
    <Button size="small" loading={verify.loading} onClick={() => setFullRuns((n) => n + 1)} data-testid="chain-full-check">
      {t('audit.fullCheck')}
    </Button>
  );
  if (v.ok) {
    return (
      <Alert
        type="success"
        showIcon
        title={t('audit.chainOk', { n: v.checked })}
        description={details.filter(Boolean).join(t('common.clauseSep')) || undefined}
        action={action}
        data-testid="chain-status"
      />
    );
  }
  const title =
    v.firstBadSeq !== null ? t('audit.chainBad', { seq: v.firstBadSeq, n: v.checked }) : t('audit.chainBadNoSeq', { n: v.checked });
  const description = [v.reason ? t('audit.reason', { reason: v.reason }) : null, ...details].filter(Boolean).join(t('common.clauseSep'));
  return <Alert type="error" showIcon title={title} description={description || undefined} action={action} data-testid="chain-status" />;
}
