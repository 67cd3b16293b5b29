// Asks for the reasons of a review decision. Returning and deprecating need them (the server refuses
// an empty reason); approving takes an optional comment. Common reasons can be added with one click,
// then edited, so a returned department learns exactly what to change.
import { Alert, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useLayoutEffect, useState } from 'react';
import { errorText } from '../../errors';
import { useI18n, type MessageKey } from '../../i18n';

const PRESETS: MessageKey[] = [
  'catalog.reason.preset.elements',
  'catalog.reason.preset.grading',
  'catalog.reason.preset.sharing',
  'catalog.reason.preset.masking',
  'catalog.reason.preset.summary',
];

interface Props {
  open: boolean;
  title: string;
  label: string;
  required: boolean;
  /** Offer the common reasons for returning a resource. */
  presets?: boolean;
  okText?: string;
  danger?: boolean;
  onSubmit: (comment: string | null) => Promise<void>;
  onClose: () => void;
}

export function ReasonModal({ open, title, label, required, presets, okText, danger, onSubmit, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ comment?: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // A layout effect: the values are in place before the form is first painted, so nothing typed
  // into that first frame is wiped by the reset.
  useLayoutEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
  }, [open, form]);

  const addPreset = (text: string) => {
    const current: string = form.getFieldValue('comment')?.trim() ?? '';
    const parts = current ? current.split('；') : [];
    if (parts.includes(text)) return;
    form.setFieldsValue({ comment: [...parts, text].join('；') });
    void form.validateFields(['comment']).catch(() => undefined);
  };

  const submit = async () => {
    let comment: string | undefined;
    try {
      ({ comment } = await form.validateFields());
    } catch {
      return; // the form shows what is missing
    }
    setBusy(true);
    setError(null);
    try {
      // The server takes one line of text (no line breaks), so lines become clauses of one sentence.
      const oneLine = (comment ?? '')
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean)
        .join('；');
      await onSubmit(oneLine || null);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={okText ?? t('common.ok')}
      okButtonProps={{ danger, 'data-testid': 'reason-ok' }}
      forceRender
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical">
        {presets && (
          <div style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary">{t('catalog.reason.common')}</Typography.Text>
            <Space size={[4, 6]} wrap style={{ marginTop: 4 }}>
              {PRESETS.map((key) => (
                <Tag key={key} style={{ cursor: 'pointer' }} onClick={() => addPreset(t(key))}>
                  + {t(key)}
                </Tag>
              ))}
            </Space>
          </div>
        )}
        <Form.Item
          name="comment"
          label={label}
          rules={required ? [{ required: true, whitespace: true, message: t('catalog.reason.required') }] : []}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount data-testid="reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
