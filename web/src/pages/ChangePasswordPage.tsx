// The forced password change: after the first login of an account an administrator created, after an
// administrator's reset, or when the password is past its maximum age. The server refuses everything
// else until it is done (403 password_change_required), so the console shows nothing else either.
import { Alert, App, Card } from 'antd';
import { Navigate, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { PasswordChangeForm } from './PasswordChangeForm';

export function ChangePasswordPage() {
  const { user, refresh } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  if (!user) return null;
  if (!user.mustChangePassword) return <Navigate to="/" replace />;

  const onChanged = async () => {
    message.success(t('profile.changed'));
    await refresh(); // the flag is gone: the menu and the pages come back
    navigate('/', { replace: true });
  };

  return (
    <Card title={t('password.forcedTitle')} style={{ maxWidth: 560, margin: '0 auto' }} data-testid="forced-password-change">
      <Alert type="warning" showIcon title={t('password.forcedReason')} style={{ marginBottom: 24 }} />
      <PasswordChangeForm username={user.username} onChanged={onChanged} />
    </Card>
  );
}
