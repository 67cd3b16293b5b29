// 建议分类: the classification aid. The server suggests, from each element's name and any sample
// values the person pastes, whether it is personal information, how sensitive, how to mask it and which
// standard it follows. Nothing changes until the person ticks a suggestion and takes it; what they
// take lands in the editor's rows and is saved (and checked) with the rest of the resource.
import { Alert, Checkbox, Input, Modal, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { ElementFormValues } from '../../catalog/content-form';
import type { ClassifySuggestion } from '../../catalog/types';
import { vocabLabel } from '../../catalog/vocab';
import { errorText } from '../../errors';
import { useI18n, type Translate } from '../../i18n';

export interface TakenSuggestion {
  /** The row in the element table. */
  index: number;
  suggestion: ClassifySuggestion;
}

interface Row {
  index: number;
  element: ElementFormValues;
  suggestion?: ClassifySuggestion;
}

interface Props {
  open: boolean;
  elements: ElementFormValues[];
  onTake: (taken: TakenSuggestion[]) => void;
  onClose: () => void;
}

function differs(e: ElementFormValues, s: ClassifySuggestion): boolean {
  return (
    !!e.personalInfo !== s.personalInfo ||
    e.sensitivity !== s.sensitivity ||
    e.maskingRule !== s.maskingRule ||
    (!!s.standardRef && s.standardRef !== (e.standardRef ?? '').trim())
  );
}

function describe(t: Translate, v: { personalInfo: boolean; sensitivity: string; maskingRule: string; standardRef?: string | null }) {
  return (
    <Space size={[4, 4]} wrap>
      <Tag color={v.personalInfo ? 'gold' : 'default'}>
        {`${t('catalog.element.personalInfo')}${t('common.colon')}${v.personalInfo ? t('common.yes') : t('common.no')}`}
      </Tag>
      <span>{vocabLabel(t, 'sensitivity', v.sensitivity)}</span>
      <span>· {vocabLabel(t, 'maskingRule', v.maskingRule)}</span>
      {v.standardRef && <span>· {v.standardRef}</span>}
    </Space>
  );
}

const splitSamples = (text: string | undefined) =>
  (text ?? '')
    .split(/[\n,，、]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, 200);

export function ClassifyModal({ open, elements, onTake, onClose }: Props) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Row[]>([]);
  const [samples, setSamples] = useState<Record<number, string>>({});
  const [taken, setTaken] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const suggest = async (named: Row[], withSamples: Record<number, string>) => {
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ suggestions: ClassifySuggestion[] }>('/api/v1/catalog/classify', {
        elements: named.map((r) => {
          const values = splitSamples(withSamples[r.index]);
          return { name: r.element.name.trim(), ...(values.length ? { samples: values } : {}) };
        }),
      });
      const next = named.map((r, i) => ({ ...r, suggestion: res.suggestions[i] }));
      setRows(next);
      // tick, by default, the suggestions that would change something
      setTaken(new Set(next.filter((r) => r.suggestion && differs(r.element, r.suggestion)).map((r) => r.index)));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (!open) return;
    const named = elements.map((element, index) => ({ index, element })).filter((r) => r.element?.name?.trim());
    setSamples({});
    setRows(named);
    setTaken(new Set());
    if (named.length) void suggest(named, {});
    else setError(t('classify.noNames'));
    // elements are read when the dialog opens; later edits in the table are not its business
  }, [open]);

  const columns: TableColumnsType<Row> = [
    {
      title: t('classify.accept'),
      key: 'take',
      width: 60,
      align: 'center',
      render: (_, r) =>
        r.suggestion && differs(r.element, r.suggestion) ? (
          <Checkbox
            checked={taken.has(r.index)}
            aria-label={`${t('classify.accept')} ${r.element.name}`}
            onChange={(e) => {
              const next = new Set(taken);
              if (e.target.checked) next.add(r.index);
              else next.delete(r.index);
              setTaken(next);
            }}
          />
        ) : null,
    },
    {
      title: t('catalog.element.name'),
      key: 'name',
      width: 130,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>
            {r.index + 1}. {r.element.name}
          </span>
          {r.element.code && (
            <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
              {r.element.code}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('classify.samples'),
      key: 'samples',
      width: 170,
      render: (_, r) => (
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 4 }}
          placeholder={t('classify.samplesPlaceholder')}
          value={samples[r.index] ?? ''}
          onChange={(e) => setSamples({ ...samples, [r.index]: e.target.value })}
        />
      ),
    },
    {
      title: t('classify.current'),
      key: 'current',
      render: (_, r) => describe(t, { ...r.element, personalInfo: !!r.element.personalInfo }),
    },
    {
      title: t('classify.suggested'),
      key: 'suggested',
      render: (_, r) =>
        r.suggestion ? (
          differs(r.element, r.suggestion) ? (
            describe(t, r.suggestion)
          ) : (
            <Typography.Text type="secondary">{t('classify.same')}</Typography.Text>
          )
        ) : null,
    },
    {
      title: t('classify.reason'),
      key: 'reason',
      width: 220,
      render: (_, r) => <Typography.Text type="secondary">{r.suggestion?.reason}</Typography.Text>,
    },
  ];

  const take = () => {
    onTake(rows.filter((r) => r.suggestion && taken.has(r.index)).map((r) => ({ index: r.index, suggestion: r.suggestion! })));
  };

  return (
    <Modal
      open={open}
      title={t('classify.title')}
      width={1100}
      onCancel={onClose}
      onOk={take}
      okText={t('classify.apply', { n: taken.size })}
      okButtonProps={{ disabled: taken.size === 0, 'data-testid': 'classify-take' }}
      destroyOnHidden
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('classify.hint')}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} />}
        <Table<Row>
          rowKey="index"
          size="small"
          loading={busy}
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ y: 420 }}
          data-testid="classify-table"
        />
        <Typography.Link disabled={busy || !rows.length} onClick={() => void suggest(rows, samples)} data-testid="classify-refresh">
          {t('classify.refresh')}
        </Typography.Link>
      </Space>
    </Modal>
  );
}
