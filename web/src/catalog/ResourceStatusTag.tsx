// The lifecycle status of a resource version and of an open catalog entry, one colour per state
// wherever they appear.
import { Tag } from 'antd';
import { useI18n } from '../i18n';
import { gradeText, vocabLabel, type OpenEntryStatus, type VersionStatus } from './vocab';

const VERSION_COLORS: Record<VersionStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  approved: 'cyan',
  published: 'success',
  superseded: 'default',
  deprecated: 'error',
};

const OPEN_COLORS: Record<OpenEntryStatus, string> = {
  submitted: 'processing',
  published: 'success',
  returned: 'warning',
  withdrawn: 'default',
};

export function ResourceStatusTag({ status }: { status: VersionStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={VERSION_COLORS[status] ?? 'default'} data-testid="resource-status">
      {vocabLabel(t, 'status', status)}
    </Tag>
  );
}

export function OpenStatusTag({ status }: { status: OpenEntryStatus }) {
  const { t } = useI18n();
  return <Tag color={OPEN_COLORS[status] ?? 'default'}>{vocabLabel(t, 'openStatus', status)}</Tag>;
}

const GRADE_COLORS: Record<string, string> = { core: 'red', important: 'orange', general: 'blue' };

/** 核心 / 重要 / 一般（n级）, red to blue as the protection required falls. */
export function GradeTag({ grade, level }: { grade: string; level?: number | null }) {
  const { t } = useI18n();
  return <Tag color={GRADE_COLORS[grade] ?? 'default'}>{gradeText(t, grade, level)}</Tag>;
}
