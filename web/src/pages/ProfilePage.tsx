// Your own account: what the server knows about you, and a password change. The password policy
// lives on the server; its refusal (`weak_password`) is shown word for word.
import { Alert, Button, Card, Descriptions, Form, Input, Space, App } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';
import { errorText } from '../errors';
import { roleLabel, unitTypeLabel } from '../format';
import { useI18n } from '../i18n';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ProfilePage() {
  const { user } = useAuth();
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!user) return null;

  const onFinish = async ({ currentPassword, newPassword }: PasswordForm) => {
    setBusy(true);
    setError(null);
    try {
      await api.post<void>('/api/v1/auth/password', { currentPassword, newPassword });
      form.resetFields();
      message.success(t('profile.changed'));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('profile.info')}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'username', label: t('users.username'), children: user.username },
            { key: 'name', label: t('users.displayName'), children: user.displayName },
            { key: 'unit', label: t('users.unit'), children: user.unitName },
            { key: 'unitType', label: t('units.type'), children: unitTypeLabel(t, user.unitType) },
            { key: 'roles', label: t('users.roles'), children: user.roles.map((r) => roleLabel(lang, r)).join(lang === 'zh-CN' ? '、' : ', ') },
          ]}
        />
      </Card>
      <Card title={t('profile.password')}>
        <Form<PasswordForm> form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 420 }}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="password-error" />}
          {/* Lets password managers file the new password under the right account. */}
          <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
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
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('profile.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('profile.submit')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
