// Create or edit a unit. Code and type are fixed once created (other records refer to them and
// the role rules depend on the type), so editing offers only name, parent and status.
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useLayoutEffect, useState } from 'react';
import { UNIT_TYPES } from '../../../src/identity/roles';
import { api } from '../api';
import { errorText } from '../errors';
import { unitTypeLabel } from '../format';
import { useI18n } from '../i18n';
import type { Status, Unit } from '../types';

interface UnitForm {
  code: string;
  name: string;
  type: string;
  parentId?: string | null;
  status: Status;
}

interface Props {
  open: boolean;
  /** The unit being edited, or null to create one. */
  unit: Unit | null;
  units: Unit[];
  onClose: () => void;
  onSaved: (unit: Unit) => void;
}

export function UnitFormModal({ open, unit, units, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<UnitForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // A layout effect: the values are in place before the form is first painted, so nothing typed
  // into that first frame is wiped by the reset.
  useLayoutEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (unit) form.setFieldsValue({ ...unit });
  }, [open, unit, form]);

  const submit = async () => {
    let values: UnitForm;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing (an unhandled rejection would reach the page)
    }
    setBusy(true);
    setError(null);
    try {
      const saved = unit
        ? await api.patch<Unit>(`/api/v1/units/${encodeURIComponent(unit.id)}`, {
            name: values.name,
            status: values.status,
            parentId: values.parentId ?? null,
          })
        : await api.post<Unit>('/api/v1/units', {
            code: values.code,
            name: values.name,
            type: values.type,
            ...(values.parentId ? { parentId: values.parentId } : {}),
          });
      onSaved(saved);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  // A unit cannot be its own parent; deeper cycles are the server's to refuse.
  const parents = units.filter((u) => u.id !== unit?.id).map((u) => ({ value: u.id, label: `${u.name}（${u.code}）` }));

  return (
    <Modal
      open={open}
      title={unit ? t('units.edit') : t('units.create')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<UnitForm> form={form} layout="vertical" initialValues={{ status: 'active' }}>
        <Form.Item name="code" label={t('units.code')} rules={required(t('units.code'))}>
          <Input disabled={!!unit} />
        </Form.Item>
        <Form.Item name="name" label={t('units.name')} rules={required(t('units.name'))}>
          <Input />
        </Form.Item>
        <Form.Item
          name="type"
          label={t('units.type')}
          rules={[{ required: true, message: t('common.required', { field: t('units.type') }) }]}
        >
          <Select disabled={!!unit} options={UNIT_TYPES.map((type) => ({ value: type, label: unitTypeLabel(t, type) }))} />
        </Form.Item>
        <Form.Item name="parentId" label={t('units.parent')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={parents} />
        </Form.Item>
        {unit && (
          <Form.Item name="status" label={t('common.status')}>
            <Select
              options={[
                { value: 'active', label: t('status.active') },
                { value: 'disabled', label: t('status.disabled') },
              ]}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
