// The password change form, on the profile page and on the forced change after a first login or a
// reset. The password policy lives on the server; its refusal (`weak_password`) is shown word for word.
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { errorText } from '../errors';
import { useI18n } from '../i18n';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function PasswordChangeForm({ username, onChanged }: { username: string; onChanged: () => void | Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<PasswordForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async ({ currentPassword, newPassword }: PasswordForm) => {
    setBusy(true);
    setError(null);
    try {
      await api.post<void>('/api/v1/auth/password', { currentPassword, newPassword });
      form.resetFields();
      await onChanged();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });

  return (
    <Form<PasswordForm> form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 420 }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="password-error" />}
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <Form.Item name="currentPassword" label={t('profile.currentPassword')} rules={[required(t('profile.currentPassword'))]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={t('profile.newPassword')} rules={[required(t('profile.newPassword'))]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('profile.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          required(t('profile.confirmPassword')),
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('profile.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('profile.submit')}
      </Button>
    </Form>
  );
}
