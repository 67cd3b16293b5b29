// 上传批次: a producer picks one of its published table resources, a mode and a file, and sends the file
// as it is (raw body, streamed to disk by the server). Two progress bars follow it: the upload itself
// (bytes sent, from XHR), then the batch being processed (bytes read and records applied/rejected, polled
// every second) until it is applied or has failed. Closing the dialog during the upload cancels it;
// after the upload the batch carries on on the server and stays in the list.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form, Modal, Progress, Radio, Result, Select, Space, Tag, Typography, Upload } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../../errors';
import { formatTime } from '../../format';
import { BatchStatusTag } from '../../governance/StatusTags';
import type { UploadedBatch } from '../../governance/types';
import { isBatchFile, uploadRaw, type UploadProgress } from '../../governance/upload-file';
import { useBatchWatch } from '../../governance/use-batch-watch';
import { resourceOptions, useTableResources, type TableResource } from '../../governance/use-table-resources';
import { BATCH_MODES, batchInFlight, govLabel, type BatchMode } from '../../governance/vocab';
import { useI18n } from '../../i18n';

interface Props {
  open: boolean;
  onClose: () => void;
  /** The server accepted the file (a batch exists). */
  onSubmitted: (batchId: string) => void;
  /** The batch was applied or failed. */
  onFinished: (batchId: string) => void;
}

/** A CSV with the resource's element names as its header, for a department starting from nothing. */
function templateHref(resource: TableResource): string {
  const header = resource.elements.map((e) => (/[",\n]/.test(e.name) ? `"${e.name.replace(/"/g, '""')}"` : e.name)).join(',');
  // the BOM makes Excel open it as UTF-8 rather than the system code page
  return URL.createObjectURL(new Blob(['\uFEFF' + header + '\r\n'], { type: 'text/csv;charset=utf-8' }));
}

export function UploadBatchModal({ open, onClose, onSubmitted, onFinished }: Props) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const resources = useTableResources('batches.submit');
  const [resourceId, setResourceId] = useState<string>();
  const [mode, setMode] = useState<BatchMode>('upsert');
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<UploadProgress | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [batchId, setBatchId] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const watch = useBatchWatch(batchId);
  const batch = watch.batch;

  const resource = resources.data?.find((r) => r.id === resourceId);
  const template = useMemo(() => (resource ? templateHref(resource) : null), [resource]);
  useEffect(() => () => void (template && URL.revokeObjectURL(template)), [template]);

  // a department with one resource has nothing to choose
  useEffect(() => {
    if (!resourceId && resources.data?.length === 1) setResourceId(resources.data[0]!.id);
  }, [resources.data, resourceId]);

  const finished = batch && !batchInFlight(batch.status) ? batch.batch : null;
  useEffect(() => {
    if (finished) onFinished(finished);
    // onFinished is a fresh closure each render; the batch finishing is the event
  }, [finished]);

  const reset = () => {
    setFile(null);
    setSent(null);
    setFailure(null);
    setBatchId(null);
    setDuplicate(false);
  };

  const close = () => {
    abort.current?.abort();
    abort.current = null;
    reset();
    onClose();
  };

  const uploading = sent !== null && batchId === null && failure === null;

  const submit = async () => {
    if (!resource || !file) return;
    if (!isBatchFile(file.name)) {
      setFailure(t('gov.upload.wrongType'));
      return;
    }
    setFailure(null);
    setSent({ loaded: 0, total: file.size });
    const controller = new AbortController();
    abort.current = controller;
    const query = new URLSearchParams({ resource: resource.id, mode, fileName: file.name });
    try {
      const created = await uploadRaw<UploadedBatch>(`/api/v1/aggregation/batches/upload?${query}`, file, {
        lang,
        onProgress: setSent,
        signal: controller.signal,
      });
      setSent({ loaded: file.size, total: file.size });
      setDuplicate(created.duplicate);
      setBatchId(created.batch);
      onSubmitted(created.batch);
    } catch (err) {
      if (!controller.signal.aborted) setFailure(errorText(err, t));
    } finally {
      abort.current = null;
    }
  };

  const sentPercent = sent && sent.total > 0 ? Math.floor((sent.loaded / sent.total) * 100) : 0;
  const live = batch?.progress ?? null;
  const processed = !batch
    ? 0
    : !batchInFlight(batch.status)
      ? 100
      : live && live.totalBytes > 0
        ? Math.min(99, Math.floor((live.bytesRead / live.totalBytes) * 100))
        : 0;
  const counts = batch
    ? live && batchInFlight(batch.status)
      ? { read: live.read, applied: live.applied, rejected: live.rejected }
      : { read: batch.rows, applied: batch.applied, rejected: batch.rejected }
    : null;

  const choosing = sent === null || (failure !== null && batchId === null);

  return (
    <Modal
      open={open}
      title={t('gov.upload.title')}
      width={680}
      onCancel={close}
      maskClosable={false}
      destroyOnHidden
      footer={
        choosing
          ? [
              <Button key="cancel" onClick={close}>
                {t('common.cancel')}
              </Button>,
              <Button key="ok" type="primary" disabled={!resource || !file} onClick={submit} data-testid="upload-submit">
                {t('gov.upload.submit')}
              </Button>,
            ]
          : [
              batch && !batchInFlight(batch.status) && (
                <Button key="again" onClick={reset}>
                  {t('gov.upload.again')}
                </Button>
              ),
              batchId && (
                <Button key="view" onClick={() => navigate(`/aggregation/batches/${batchId}`)} data-testid="upload-view-batch">
                  {t('gov.upload.viewBatch')}
                </Button>
              ),
              <Button key="close" type={batch && !batchInFlight(batch.status) ? 'primary' : 'default'} onClick={close}>
                {uploading ? t('gov.upload.cancelUpload') : t('gov.upload.close')}
              </Button>,
            ]
      }
    >
      {choosing ? (
        <Form layout="vertical">
          {resources.error ? <Alert type="error" showIcon title={errorText(resources.error, t)} style={{ marginBottom: 16 }} /> : null}
          {resources.data && resources.data.length === 0 && (
            <Alert type="info" showIcon title={t('gov.upload.noResources')} style={{ marginBottom: 16 }} />
          )}
          <Form.Item label={t('gov.upload.resource')} required extra={t('gov.upload.resourceHint')}>
            <Select
              id="upload_resource"
              showSearch={{ optionFilterProp: 'label' }}
              loading={resources.loading}
              value={resourceId}
              options={resourceOptions(resources.data)}
              onChange={(v: string) => setResourceId(v)}
              placeholder={t('gov.upload.resourcePlaceholder')}
            />
          </Form.Item>
          {resource && (
            <Form.Item label={t('gov.upload.columns')} extra={t('gov.upload.columnsHint')}>
              <Space size={[4, 6]} wrap data-testid="upload-columns">
                {resource.elements.map((e) => (
                  <Tag key={e.code} color={e.key ? 'blue' : e.required ? 'geekblue' : undefined}>
                    {e.name}
                    {e.required ? ' *' : ''}
                  </Tag>
                ))}
                {template && (
                  <Typography.Link href={template} download={`${resource.name}.csv`}>
                    <DownloadOutlined /> {t('gov.upload.template')}
                  </Typography.Link>
                )}
              </Space>
            </Form.Item>
          )}
          <Form.Item label={t('gov.upload.mode')} extra={t(`gov.modeHint.${mode}`)}>
            <Radio.Group
              value={mode}
              onChange={(e) => setMode(e.target.value as BatchMode)}
              optionType="button"
              options={BATCH_MODES.map((m) => ({ value: m, label: govLabel(t, 'mode', m) }))}
              data-testid="upload-mode"
            />
          </Form.Item>
          <Form.Item label={t('gov.upload.file')} required>
            <Upload.Dragger
              accept=".csv,.xlsx,.jsonl"
              maxCount={1}
              fileList={file ? [{ uid: 'chosen', name: file.name, status: 'done', size: file.size }] : []}
              beforeUpload={(f) => {
                setFile(f);
                setFailure(null);
                return false; // sent on 上传, not on choosing
              }}
              onRemove={() => {
                setFile(null);
                return true;
              }}
              data-testid="upload-file"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('gov.upload.drop')}</p>
              <p className="ant-upload-hint">{t('gov.upload.fileHint')}</p>
            </Upload.Dragger>
          </Form.Item>
          {failure && <Alert type="error" showIcon title={failure} data-testid="upload-error" />}
        </Form>
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'resource', label: t('gov.upload.resource'), children: resource?.name },
              { key: 'mode', label: t('gov.upload.mode'), children: govLabel(t, 'mode', mode) },
              { key: 'file', label: t('gov.upload.file'), children: file?.name },
            ]}
          />
          <div>
            <Typography.Text>{t('gov.upload.sending')}</Typography.Text>
            <Progress
              percent={sentPercent}
              status={failure && !batchId ? 'exception' : batchId ? 'success' : 'active'}
              data-testid="upload-progress"
            />
          </div>
          {batchId && (
            <div>
              <Space size={8}>
                <Typography.Text>{t('gov.upload.processing')}</Typography.Text>
                {batch && <BatchStatusTag status={batch.status} />}
                {live && batch && batchInFlight(batch.status) && (
                  <Typography.Text type="secondary">{govLabel(t, 'phase', live.phase)}</Typography.Text>
                )}
              </Space>
              <Progress
                percent={processed}
                status={batch?.status === 'failed' ? 'exception' : batch?.status === 'applied' ? 'success' : 'active'}
                data-testid="batch-progress"
              />
              {counts && <Typography.Text data-testid="batch-progress-counts">{t('gov.upload.counts', counts)}</Typography.Text>}
            </div>
          )}
          {duplicate && <Alert type="info" showIcon title={t('gov.upload.duplicate')} />}
          {watch.error && !batch ? <Alert type="warning" showIcon title={errorText(watch.error, t)} /> : null}
          {batch?.status === 'applied' && (
            <Result
              status={batch.rejected > 0 ? 'warning' : 'success'}
              title={t('gov.upload.applied', { applied: batch.applied, rejected: batch.rejected })}
              subTitle={
                batch.rejected > 0
                  ? t('gov.upload.appliedWithTicket', { time: formatTime(batch.finishedAt) })
                  : t('gov.upload.appliedAt', { time: formatTime(batch.finishedAt) })
              }
              data-testid="upload-result"
            />
          )}
          {batch?.status === 'failed' && (
            <Alert type="error" showIcon title={t('gov.upload.failed')} description={batch.error?.message} data-testid="upload-result" />
          )}
          {failure && <Alert type="error" showIcon title={failure} data-testid="upload-error" />}
        </Space>
      )}
    </Modal>
  );
}
