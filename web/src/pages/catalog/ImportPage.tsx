// 目录导入 (/catalog/import): a department's catalog from an Excel workbook (or the JSON export).
// Always checked first (dry run): every error is listed by sheet, row and column, and nothing is
// applied while there is any. Only a file that passed the check can be imported, all of it at once.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Result, Space, Steps, Table, Typography, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../../api';
import type { ImportError, ImportResult } from '../../catalog/types';
import { errorText } from '../../errors';
import { useI18n } from '../../i18n';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function contentTypeOf(file: File): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return XLSX;
  if (name.endsWith('.json')) return 'application/json';
  return null;
}

type Stage = { step: 'choose' } | { step: 'checked'; result: ImportResult } | { step: 'applied'; result: ImportResult };

export function ImportPage() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [busy, setBusy] = useState<'check' | 'apply' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const send = async (dryRun: boolean): Promise<ImportResult | null> => {
    if (!file) return null;
    const type = contentTypeOf(file);
    if (!type) {
      setFailure(t('import.wrongType'));
      return null;
    }
    try {
      return await api.upload<ImportResult>(`/api/v1/catalog/import?dryRun=${dryRun}`, file, type);
    } catch (err) {
      // a file with errors: 422 with every error in `details` (and the same counts as a success)
      if (err instanceof ApiError && err.code === 'import_invalid' && Array.isArray(err.details))
        return { applied: false, created: 0, updated: 0, errors: err.details as ImportError[] };
      setFailure(errorText(err, t));
      return null;
    }
  };

  const check = async () => {
    setBusy('check');
    setFailure(null);
    const result = await send(true);
    if (result) setStage({ step: 'checked', result });
    setBusy(null);
  };

  const apply = async () => {
    setBusy('apply');
    setFailure(null);
    const result = await send(false);
    // errors at this point (the catalog changed since the check) are shown like a check's
    if (result) setStage(result.applied ? { step: 'applied', result } : { step: 'checked', result });
    setBusy(null);
  };

  const choose = (f: File | null) => {
    setFile(f);
    setStage({ step: 'choose' });
    setFailure(null);
  };

  const columns: TableColumnsType<ImportError> = [
    {
      title: t('import.sheet'),
      dataIndex: 'sheet',
      width: 120,
      render: (s: string) => s || t('import.wholeFile'),
      filters: [...new Set(stage.step === 'checked' ? stage.result.errors.map((e) => e.sheet) : [])].map((s) => ({
        text: s || t('import.wholeFile'),
        value: s,
      })),
      onFilter: (value, e) => e.sheet === value,
    },
    {
      title: t('import.row'),
      dataIndex: 'row',
      width: 80,
      sorter: (a, b) => a.row - b.row,
      render: (r: number) => (r > 0 ? r : t('common.none')),
    },
    { title: t('import.column'), dataIndex: 'column', width: 160, render: (c: string) => c || t('common.none') },
    { title: t('import.message'), dataIndex: 'message' },
  ];

  const current = stage.step === 'choose' ? 0 : stage.step === 'checked' ? 1 : 3;
  const errors = stage.step === 'checked' ? stage.result.errors : [];
  const clean = stage.step === 'checked' && errors.length === 0;

  return (
    <Card
      title={t('import.title')}
      extra={
        <Button icon={<DownloadOutlined />} href="/api/v1/catalog/export?format=xlsx" data-testid="import-template">
          {t('import.template')}
        </Button>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Steps
          current={current}
          status={stage.step === 'checked' && stage.result.errors.length ? 'error' : undefined}
          items={[{ title: t('import.step.choose') }, { title: t('import.step.check') }, { title: t('import.step.apply') }]}
        />
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('import.hint')}
        </Typography.Paragraph>
        <Alert type="info" showIcon title={t('import.allOrNothing')} />

        {stage.step === 'applied' ? (
          <Result
            status="success"
            title={t('import.done', {
              created: stage.result.created,
              updated: stage.result.updated,
              unchanged: stage.result.unchanged ?? 0,
            })}
            extra={[
              <Link key="catalog" to="/catalog">
                <Button type="primary">{t('import.toCatalog')}</Button>
              </Link>,
              <Button key="again" onClick={() => choose(null)}>
                {t('import.reset')}
              </Button>,
            ]}
            data-testid="import-done"
          />
        ) : (
          <>
            <Upload.Dragger
              accept=".xlsx,.json"
              maxCount={1}
              fileList={file ? [{ uid: 'chosen', name: file.name, status: 'done', size: file.size }] : []}
              beforeUpload={(f) => {
                choose(f);
                return false; // kept here until checked; nothing is sent on choosing
              }}
              onRemove={() => {
                choose(null);
                return true;
              }}
              data-testid="import-file"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('import.drop')}</p>
            </Upload.Dragger>
            <Space>
              <Button
                type={clean ? 'default' : 'primary'}
                disabled={!file}
                loading={busy === 'check'}
                onClick={check}
                data-testid="import-check"
              >
                {t('import.check')}
              </Button>
              <Button
                type="primary"
                disabled={!clean || busy !== null}
                loading={busy === 'apply'}
                onClick={apply}
                data-testid="import-apply"
              >
                {t('import.apply')}
              </Button>
            </Space>
            {failure && <Alert type="error" showIcon title={failure} />}
            {clean && <Alert type="success" showIcon title={t('import.clean')} data-testid="import-clean" />}
            {errors.length > 0 && (
              <>
                <Alert type="error" showIcon title={t('import.errors', { n: errors.length })} data-testid="import-error-count" />
                <Table<ImportError & { key: number }>
                  rowKey="key"
                  size="small"
                  columns={columns as TableColumnsType<ImportError & { key: number }>}
                  dataSource={errors.map((e, key) => ({ ...e, key }))}
                  pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
                  data-testid="import-errors"
                />
              </>
            )}
          </>
        )}
      </Space>
    </Card>
  );
}
