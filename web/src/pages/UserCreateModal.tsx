// New account: who, in which unit, and a first password (its strength is the server's to judge).
// Roles are not given here: assigning them is the security administrator's job (三员分立).
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useLayoutEffect, useState } from 'react';
import { api } from '../api';
import { errorText } from '../errors';
import { useI18n } from '../i18n';
import type { Unit, UserRow } from '../types';

interface UserForm {
  username: string;
  displayName: string;
  unitId: string;
  password: string;
}

interface Props {
  open: boolean;
  units: Unit[];
  onClose: () => void;
  onCreated: (user: UserRow) => void;
}

export function UserCreateModal({ open, units, onClose, onCreated }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<UserForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // A layout effect: the values are in place before the form is first painted, so nothing typed
  // into that first frame is wiped by the reset.
  useLayoutEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
  }, [open, form]);

  const submit = async () => {
    let values: UserForm;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing (an unhandled rejection would reach the page)
    }
    setBusy(true);
    setError(null);
    try {
      onCreated(await api.post<UserRow>('/api/v1/users', { ...values, username: values.username.trim() }));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  const unitOptions = units.filter((u) => u.status === 'active').map((u) => ({ value: u.id, label: `${u.name}（${u.code}）` }));

  return (
    <Modal
      open={open}
      title={t('users.create')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<UserForm> form={form} layout="vertical">
        <Form.Item name="username" label={t('users.username')} rules={required(t('users.username'))}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={required(t('users.displayName'))}>
          <Input />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('users.unit')}
          rules={[{ required: true, message: t('common.required', { field: t('users.unit') }) }]}
        >
          <Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} />
        </Form.Item>
        <Form.Item name="password" label={t('users.initialPassword')} rules={required(t('users.initialPassword'))}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
