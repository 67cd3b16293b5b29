// The action field of the audit search: offers the labelled actions and the categories (prefixes), found
// by label or by code as the auditor types, and still takes any code or prefix typed by hand.
import { AutoComplete } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { ACTION_CODES, ACTION_PREFIXES, actionGroupLabel, actionLabel, matchesAction } from './audit-actions';

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}

/** An action or a category; a group of them has `options` instead of a value. */
interface Option {
  value?: string;
  text?: string | null;
  label: ReactNode;
  options?: Option[];
}

function option(code: string, label: string | null): Option {
  return {
    value: code,
    text: label,
    label: (
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16 }}>
        <span>{label ?? code}</span>
        <code style={{ opacity: 0.65 }}>{code}</code>
      </div>
    ),
  };
}

export function AuditActionInput(props: Props) {
  const { t } = useI18n();
  const options = useMemo<Option[]>(
    () => [
      { label: t('audit.actionGroups'), options: ACTION_PREFIXES.map((p) => option(p, actionGroupLabel(t, p))) },
      { label: t('audit.actionList'), options: ACTION_CODES.map((c) => option(c, actionLabel(t, c))) },
    ],
    [t],
  );
  return (
    <AutoComplete
      {...props}
      allowClear
      // Enter searches for what was typed (a code, a prefix); arrows or a click pick an option
      defaultActiveFirstOption={false}
      options={options}
      placeholder={t('audit.actionPlaceholder')}
      showSearch={{ filterOption: (input, o) => o?.value !== undefined && matchesAction(input, o.value, o.text ?? null) }}
      popupMatchSelectWidth={420}
      data-testid="audit-action-input"
    />
  );
}
