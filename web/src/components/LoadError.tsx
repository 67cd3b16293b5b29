// What a page shows instead of its content when loading it failed: 403 as a Result page
// (the user may not see this at all), anything else as an error banner with a retry.
import { Alert, Button } from 'antd';
import { errorText, isForbidden } from '../errors';
import { useI18n } from '../i18n';
import { Forbidden } from './Forbidden';

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (isForbidden(error)) return <Forbidden />;
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(error, t)}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('common.refresh')}
          </Button>
        )
      }
    />
  );
}
