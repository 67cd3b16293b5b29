// Active / disabled, the same colours everywhere.
import { Tag } from 'antd';
import { useI18n } from '../i18n';
import type { Status } from '../types';

export function StatusTag({ status }: { status: Status }) {
  const { t } = useI18n();
  return status === 'active' ? <Tag color="green">{t('status.active')}</Tag> : <Tag>{t('status.disabled')}</Tag>;
}
