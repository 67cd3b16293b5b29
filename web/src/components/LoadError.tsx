// What a page shows instead of its content when loading it failed: 403 as a Result page (the user may
// not see this at all), 404 as one too (the link names nothing: a deleted object, a mistyped address),
// anything else as an error banner, with a retry where trying again can help (not for a 4xx: the same
// request gets the same answer).
import { Alert, Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError } from '../api';
import { errorText, isForbidden } from '../errors';
import { useI18n } from '../i18n';
import { Forbidden } from './Forbidden';

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (isForbidden(error)) return <Forbidden />;
  const clientError = error instanceof ApiError && error.status >= 400 && error.status < 500;
  if (error instanceof ApiError && error.status === 404)
    return (
      <Result
        status="404"
        title="404"
        subTitle={errorText(error, t)}
        data-testid="load-not-found"
        extra={
          <Link to="/">
            <Button type="primary">{t('error.backHome')}</Button>
          </Link>
        }
      />
    );
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(error, t)}
      action={
        onRetry &&
        !clientError && (
          <Button size="small" onClick={onRetry}>
            {t('common.refresh')}
          </Button>
        )
      }
    />
  );
}
