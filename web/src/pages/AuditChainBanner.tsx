// The state of the audit hash chain, checked by the server on every visit: the auditor should see
// at a glance whether the log can be trusted before reading anything in it.
import { Alert } from 'antd';
import { api } from '../api';
import { errorText } from '../errors';
import { formatTime } from '../format';
import { useI18n } from '../i18n';
import type { AuditVerify } from '../types';
import { useApi } from '../use-api';

export function AuditChainBanner() {
  const { t } = useI18n();
  const verify = useApi('audit-verify', () => api.get<AuditVerify>('/api/v1/audit/verify'));
  const v = verify.data;

  if (verify.loading && !v) return <Alert type="info" showIcon title={t('audit.verifying')} />;
  if (!v) return <Alert type="warning" showIcon title={t('audit.verifyFailed', { reason: errorText(verify.error, t) })} />;

  const checkpoint = v.lastCheckpoint
    ? t('audit.checkpoint', { seq: v.lastCheckpoint.seq, time: formatTime(v.lastCheckpoint.at) })
    : undefined;
  if (v.ok) {
    return (
      <Alert type="success" showIcon title={t('audit.chainOk', { n: v.checked })} description={checkpoint} data-testid="chain-status" />
    );
  }
  const title =
    v.firstBadSeq !== null
      ? t('audit.chainBad', { seq: v.firstBadSeq, n: v.checked })
      : t('audit.chainBadNoSeq', { n: v.checked });
  const description = [v.reason ? t('audit.reason', { reason: v.reason }) : null, checkpoint].filter(Boolean).join('；');
  return <Alert type="error" showIcon title={title} description={description || undefined} data-testid="chain-status" />;
}
