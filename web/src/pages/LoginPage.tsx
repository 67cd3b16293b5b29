// Sign-in. Wrong username and wrong password get the same answer from the server (so accounts
// cannot be probed); a locked account says until when; too many attempts says to wait.
import { GlobalOutlined, LockOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api';
import { useAuth } from '../auth';
import { errorText } from '../errors';
import { formatTime } from '../format';
import { useI18n, type Translate } from '../i18n';

interface LoginForm {
  username: string;
  password: string;
}

interface Problem {
  title: string;
  description?: string;
}

function describe(err: unknown, t: Translate): Problem {
  if (err instanceof ApiError) {
    if (err.status === 401) return { title: err.message || t('login.invalid') };
    if (err.status === 423) {
      // With the unlock time at hand we word it ourselves, in Beijing time like every time on screen
      // (the server's sentence carries the raw UTC instant).
      const until = (err.details as { lockedUntil?: string } | undefined)?.lockedUntil;
      if (!until) return { title: err.message || t('login.locked') };
      return { title: t('login.locked'), description: t('login.lockedUntil', { time: formatTime(until) }) };
    }
    // The rate limiter may not speak our error format, so our own sentence leads here.
    if (err.status === 429) return { title: t('login.tooMany'), description: err.message || undefined };
  }
  return { title: errorText(err, t) };
}

export function LoginPage() {
  const { user, login } = useAuth();
  const { lang, setLang, t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (user) return <Navigate to={from} replace />;

  const onFinish = async (values: LoginForm) => {
    setBusy(true);
    setProblem(null);
    try {
      await login(values.username.trim(), values.password);
      navigate(from, { replace: true });
    } catch (err) {
      setProblem(describe(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #0b2a5b 0%, #1d5fbf 100%)',
        position: 'relative',
      }}
    >
      <Button
        type="text"
        icon={<TranslationOutlined />}
        style={{ position: 'absolute', top: 16, right: 16, color: '#fff' }}
        onClick={() => setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN')}
      >
        {t('lang.switch')}
      </Button>
      <Card style={{ width: 380 }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
        </div>
        <Typography.Title level={5}>{t('login.title')}</Typography.Title>
        {problem && (
          <Alert
            type="error"
            showIcon
            title={problem.title}
            description={problem.description}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('login.username') }) }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Link to="/portal" data-testid="portal-link">
            <GlobalOutlined /> {t('portal.link')}
          </Link>
        </div>
      </Card>
    </div>
  );
}
