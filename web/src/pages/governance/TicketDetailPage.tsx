// 工单详情 (/governance/tickets/:id): the problem loop's working page. The producer corrects records in
// their rows and sends the chosen ones back, or uploads a correction file, or disputes the ticket with a
// reason; the platform decides a dispute. A correction is a batch checked by the same rules: the page
// follows it until it is done, then shows what passed and reloads the ticket (which resolves when no
// record is left open).
import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  DownloadOutlined,
  ExclamationCircleOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Progress, Space, Spin, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useUnits } from '../../catalog/use-units';
import { LoadError } from '../../components/LoadError';
import { errorText } from '../../errors';
import { formatTime } from '../../format';
import { correctionCsv, correctionRequest, ticketIsOpen, type Drafts } from '../../governance/correction';
import { TicketStatusTag } from '../../governance/StatusTags';
import type { BatchSummary, TicketDetail, UploadedBatch } from '../../governance/types';
import { isBatchFile, uploadRaw } from '../../governance/upload-file';
import { useBatchWatch } from '../../governance/use-batch-watch';
import { batchInFlight, govLabel } from '../../governance/vocab';
import { useI18n } from '../../i18n';
import { useApi } from '../../use-api';
import { ReasonModal } from '../catalog/ReasonModal';
import { ProblemRecordsTable } from './ProblemRecordsTable';

const SERVER_PAGE_SIZE = 100;

type Dialog = null | 'dispute' | 'accept' | 'reject';

export function TicketDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { nameOf } = useUnits();
  const [page, setPage] = useState(1);
  const ticket = useApi(`ticket:${id}:${page}`, () =>
    api.get<TicketDetail>(`/api/v1/governance/tickets/${encodeURIComponent(id)}`, { page }),
  );
  const [drafts, setDrafts] = useState<Drafts>({});
  const [editing, setEditing] = useState<Set<number>>(new Set());
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [fileSent, setFileSent] = useState<number | null>(null);
  const [correction, setCorrection] = useState<{ batch: string; records: number[] } | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const watch = useBatchWatch(correction?.batch ?? null);

  // the correction batch finished: forget the edits it carried and read the ticket again
  const finished = watch.batch && !batchInFlight(watch.batch.status) ? watch.batch.batch : null;
  useEffect(() => {
    if (!finished || !correction) return;
    const sent = new Set(correction.records);
    setDrafts((d) => Object.fromEntries(Object.entries(d).filter(([k]) => !sent.has(Number(k)))));
    setEditing((e) => new Set([...e].filter((r) => !sent.has(r))));
    setSelected((s) => s.filter((r) => !sent.has(r)));
    ticket.reload();
    // `ticket` and `correction` are read at the moment the batch finishes
  }, [finished]);

  const tk = ticket.data;
  if (ticket.error && !tk) return <LoadError error={ticket.error} onRetry={ticket.reload} />;
  if (!tk) return <Spin style={{ display: 'block', margin: '64px auto' }} />;

  const open = ticketIsOpen(tk.status);
  const correcting = correction !== null && (!watch.batch || batchInFlight(watch.batch.status));
  const canCorrect = can('tickets.correct') && open && !correcting;

  const edit = (record: number, code: string, value: string) => {
    setDrafts((d) => ({ ...d, [record]: { ...d[record], [code]: value } }));
    setSelected((s) => (s.includes(record) ? s : [...s, record]));
  };
  const toggleEdit = (record: number) =>
    setEditing((e) => {
      const next = new Set(e);
      if (next.has(record)) next.delete(record);
      else next.add(record);
      return next;
    });

  const started = (batch: BatchSummary, records: number[]) => {
    setCorrection({ batch: batch.batch, records });
    setEditing(new Set());
  };

  const submitCorrections = async () => {
    const body = correctionRequest(tk.records, drafts, selected);
    if (body.records.length === 0) return;
    setBusy(true);
    setFailure(null);
    try {
      const batch = await api.post<BatchSummary>(`/api/v1/governance/tickets/${tk.id}/corrections`, body);
      started(
        batch,
        body.records.map((r) => r.record),
      );
    } catch (err) {
      setFailure(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const uploadCorrectionFile = async (file: File) => {
    if (!isBatchFile(file.name)) {
      setFailure(t('gov.upload.wrongType'));
      return;
    }
    setFailure(null);
    setFileSent(0);
    try {
      const batch = await uploadRaw<UploadedBatch>(
        `/api/v1/governance/tickets/${tk.id}/correction-file?${new URLSearchParams({ fileName: file.name })}`,
        file,
        { lang, onProgress: (p) => setFileSent(Math.floor((p.loaded / p.total) * 100)) },
      );
      started(batch, []);
    } catch (err) {
      setFailure(errorText(err, t));
    } finally {
      setFileSent(null);
    }
  };

  // the open records as a file to correct in a spreadsheet and upload back
  const downloadTemplate = () => {
    const url = URL.createObjectURL(new Blob([correctionCsv(tk.elements, tk.records)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${tk.resourceName}-${t('gov.correct.templateFile')}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  const dispute = async (reason: string | null) => {
    await api.post(`/api/v1/governance/tickets/${tk.id}/dispute`, { reason: reason ?? '' });
    setDialog(null);
    message.success(t('gov.ticket.disputed'));
    ticket.reload();
  };

  const decide = async (accept: boolean, comment: string | null) => {
    await api.post(`/api/v1/governance/tickets/${tk.id}/decision`, { accept, comment: comment ?? '' });
    setDialog(null);
    message.success(accept ? t('gov.ticket.accepted') : t('gov.ticket.rejected'));
    ticket.reload();
  };

  const result = watch.batch && !batchInFlight(watch.batch.status) ? watch.batch : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/governance/tickets">
        <ArrowLeftOutlined /> {t('menu.tickets')}
      </Link>
      {tk.status === 'overdue' && <Alert type="error" showIcon title={t('gov.ticket.overdueAlert', { time: formatTime(tk.deadline) })} />}
      {tk.status === 'disputed' && (
        <Alert
          type="warning"
          showIcon
          title={can('tickets.decide') ? t('gov.ticket.disputedForPlatform') : t('gov.ticket.disputedAlert')}
          description={tk.disputeReason}
          data-testid="dispute-alert"
        />
      )}
      <Card
        title={
          <Space size={8} wrap>
            <span data-testid="ticket-resource">{tk.resourceName}</span>
            <TicketStatusTag status={tk.status} />
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {govLabel(t, 'ticketKind', tk.kind)}
            </Typography.Text>
          </Space>
        }
        extra={
          <Space wrap>
            {can('tickets.correct') && open && (
              <Button icon={<DownloadOutlined />} onClick={downloadTemplate} data-testid="correction-template">
                {t('gov.correct.template')}
              </Button>
            )}
            {can('tickets.correct') && open && (
              <Upload
                accept=".csv,.xlsx,.jsonl"
                showUploadList={false}
                disabled={correcting || fileSent !== null}
                beforeUpload={(f) => {
                  void uploadCorrectionFile(f);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} disabled={correcting || fileSent !== null} data-testid="correction-file">
                  {t('gov.correct.file')}
                </Button>
              </Upload>
            )}
            {can('tickets.correct') && open && (
              <Button icon={<ExclamationCircleOutlined />} onClick={() => setDialog('dispute')} data-testid="ticket-dispute">
                {t('gov.ticket.dispute')}
              </Button>
            )}
            {can('tickets.decide') && tk.status === 'disputed' && (
              <>
                <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setDialog('accept')} data-testid="ticket-accept">
                  {t('gov.ticket.accept')}
                </Button>
                <Button danger icon={<CloseCircleOutlined />} onClick={() => setDialog('reject')} data-testid="ticket-reject">
                  {t('gov.ticket.reject')}
                </Button>
              </>
            )}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'unit', label: t('gov.ticket.unit'), children: tk.unitName || nameOf(tk.unitId) || t('common.none') },
            {
              key: 'records',
              label: t('gov.ticket.records'),
              children: (
                <span data-testid="ticket-open-count">{t('gov.ticket.openOfTotal', { open: tk.recordsOpen, total: tk.recordsTotal })}</span>
              ),
            },
            {
              key: 'deadline',
              label: t('gov.ticket.deadline'),
              children: <Typography.Text type={tk.status === 'overdue' ? 'danger' : undefined}>{formatTime(tk.deadline)}</Typography.Text>,
            },
            {
              key: 'batch',
              label: t('gov.ticket.batch'),
              children: can('batches.read') ? <Link to={`/aggregation/batches/${tk.batchId}`}>{tk.batchId}</Link> : tk.batchId,
            },
            { key: 'created', label: t('gov.ticket.createdAt'), children: formatTime(tk.createdAt) },
            { key: 'resolved', label: t('gov.ticket.resolvedAt'), children: formatTime(tk.resolvedAt) },
          ]}
        />
      </Card>

      <Card
        title={t('gov.ticket.recordsTitle')}
        size="small"
        extra={
          canCorrect && (
            <Button
              type="primary"
              disabled={selected.length === 0}
              loading={busy}
              onClick={submitCorrections}
              data-testid="corrections-submit"
            >
              {t('gov.correct.submit', { n: selected.length })}
            </Button>
          )
        }
      >
        <Space orientation="vertical" size="small" style={{ width: '100%' }}>
          {canCorrect && <Typography.Text type="secondary">{t('gov.correct.hint')}</Typography.Text>}
          {failure && (
            <Alert type="error" showIcon title={failure} closable={{ onClose: () => setFailure(null) }} data-testid="correction-error" />
          )}
          {fileSent !== null && <Progress percent={fileSent} status="active" />}
          {correcting && (
            <Alert
              type="info"
              showIcon
              title={t('gov.correct.running')}
              description={
                watch.batch?.progress
                  ? t('gov.upload.counts', {
                      read: watch.batch.progress.read,
                      applied: watch.batch.progress.applied,
                      rejected: watch.batch.progress.rejected,
                    })
                  : undefined
              }
              data-testid="correction-running"
            />
          )}
          {result && (
            <Alert
              type={result.status === 'failed' ? 'error' : result.rejected > 0 ? 'warning' : 'success'}
              showIcon
              title={
                result.status === 'failed'
                  ? t('gov.correct.failed', { message: result.error?.message ?? '' })
                  : result.rejected > 0
                    ? t('gov.correct.partly', { applied: result.applied, rejected: result.rejected })
                    : t('gov.correct.applied', { applied: result.applied })
              }
              action={
                can('batches.read') ? (
                  <Link to={`/aggregation/batches/${result.batch}`}>
                    <Button size="small">{t('gov.upload.viewBatch')}</Button>
                  </Link>
                ) : undefined
              }
              closable={{ onClose: () => setCorrection(null) }}
              data-testid="correction-result"
            />
          )}
          <ProblemRecordsTable
            elements={tk.elements}
            records={tk.records}
            editable={canCorrect}
            drafts={drafts}
            editing={editing}
            selected={selected}
            loading={ticket.loading}
            onEdit={edit}
            onToggleEdit={toggleEdit}
            onSelect={setSelected}
            pagination={{ current: page, pageSize: SERVER_PAGE_SIZE, total: tk.recordsTotal, onChange: setPage }}
          />
        </Space>
      </Card>

      {/* one dialog for the three questions: each asks for a text, and only one is open at a time */}
      <ReasonModal
        open={dialog !== null}
        title={
          dialog === 'dispute'
            ? t('gov.ticket.disputeTitle')
            : dialog === 'accept'
              ? t('gov.ticket.acceptTitle')
              : t('gov.ticket.rejectTitle')
        }
        label={dialog === 'dispute' ? t('gov.ticket.disputeReason') : t('gov.ticket.decisionComment')}
        required={dialog !== 'accept'}
        danger={dialog === 'reject'}
        okText={dialog === 'dispute' ? t('gov.ticket.dispute') : dialog === 'accept' ? t('gov.ticket.accept') : t('gov.ticket.reject')}
        onSubmit={(text) => (dialog === 'dispute' ? dispute(text) : decide(dialog === 'accept', text))}
        onClose={() => setDialog(null)}
      />
    </Space>
  );
}
