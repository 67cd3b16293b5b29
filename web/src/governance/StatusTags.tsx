// The states of batches, tickets, problem records and webhook deliveries, one colour per state wherever they appear.
import { Tag } from 'antd';
import { useI18n } from '../i18n';
import { govLabel } from './vocab';

const BATCH_COLORS: Record<string, string> = {
  receiving: 'default',
  queued: 'default',
  running: 'processing',
  applied: 'success',
  failed: 'error',
};

const TICKET_COLORS: Record<string, string> = {
  open: 'processing',
  in_correction: 'cyan',
  disputed: 'warning',
  overdue: 'error',
  resolved: 'success',
};

const VERDICT_COLORS: Record<string, string> = {
  rejected: 'error',
  warning: 'warning',
  duplicate: 'default',
  clean: 'success',
};

const RECORD_COLORS: Record<string, string> = { open: 'processing', disputed: 'warning', resolved: 'success' };

const DELIVERY_COLORS: Record<string, string> = { pending: 'processing', delivered: 'success', failed: 'error' };

export function BatchStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Tag color={BATCH_COLORS[status] ?? 'default'} data-testid="batch-status">
      {govLabel(t, 'batchStatus', status)}
    </Tag>
  );
}

export function TicketStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Tag color={TICKET_COLORS[status] ?? 'default'} data-testid="ticket-status">
      {govLabel(t, 'ticketStatus', status)}
    </Tag>
  );
}

export function VerdictTag({ verdict }: { verdict: string }) {
  const { t } = useI18n();
  return <Tag color={VERDICT_COLORS[verdict] ?? 'default'}>{govLabel(t, 'verdict', verdict)}</Tag>;
}

export function RecordStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Tag color={RECORD_COLORS[status] ?? 'default'} data-testid="record-status">
      {govLabel(t, 'recordStatus', status)}
    </Tag>
  );
}

export function SeverityTag({ severity }: { severity: string }) {
  const { t } = useI18n();
  return <Tag color={severity === 'error' ? 'red' : 'orange'}>{govLabel(t, 'severity', severity)}</Tag>;
}

/** A webhook delivery: waiting (or retrying), delivered, or given up. */
export function DeliveryStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Tag color={DELIVERY_COLORS[status] ?? 'default'} data-testid="delivery-status">
      {govLabel(t, 'delivery', status)}
    </Tag>
  );
}
