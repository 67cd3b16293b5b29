// 试运行 Try on a sample: a few records typed by element, run through the rule set as it stands in the
// editor (saved or not). Each record comes back cleansed, with its verdict and problems: values the
// cleansing changed are marked, values a rule refused are red with the rule's message.
import { DeleteOutlined, PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import type { DataElement } from '../../catalog/types';
import { errorText, localText } from '../../errors';
import { ruleSetProblems } from '../../governance/rule-problems';
import { emptyRow, MAX_SAMPLE_ROWS, sampleRecords, type SampleRow } from '../../governance/sample';
import { VerdictTag } from '../../governance/StatusTags';
import type { RuleSetProblem, TriedRecord } from '../../governance/types';
import { useI18n } from '../../i18n';

interface Props {
  resourceId: string;
  elements: DataElement[];
  text: string;
}

interface Tried {
  sent: Record<string, string>[];
  results: TriedRecord[];
}

const PROBLEM_CELL = { background: '#fff2f0' };

export function TrySample({ resourceId, elements, text }: Props) {
  const { t, lang } = useI18n();
  const [rows, setRows] = useState<SampleRow[]>([emptyRow(1), emptyRow(2)]);
  const [tried, setTried] = useState<Tried | null>(null);
  const [failure, setFailure] = useState<{ message: string; problems: RuleSetProblem[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const codes = elements.map((e) => e.code);

  const set = (key: number, code: string, value: string) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, [code]: value } : r)));
  const add = () => setRows((rs) => [...rs, emptyRow(Math.max(0, ...rs.map((r) => r.key)) + 1)]);
  const remove = (key: number) => setRows((rs) => (rs.length > 1 ? rs.filter((r) => r.key !== key) : rs));

  const run = async () => {
    const sample = sampleRecords(rows, codes);
    if (sample.length === 0) {
      setFailure({ message: t('gov.try.emptySample'), problems: [] });
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const res = await api.post<{ results: TriedRecord[] }>(`/api/v1/governance/rule-sets/${encodeURIComponent(resourceId)}/try`, {
        text,
        format: 'yaml',
        sample,
      });
      setTried({ sent: sample, results: res.results });
    } catch (err) {
      setTried(null);
      setFailure({ message: errorText(err, t), problems: ruleSetProblems(err) });
    } finally {
      setBusy(false);
    }
  };

  const inputColumns: TableColumnsType<SampleRow> = [
    ...elements.map((e) => ({
      title: e.name,
      key: e.code,
      width: 150,
      render: (_: unknown, r: SampleRow) => (
        <Input
          size="small"
          value={typeof r[e.code] === 'string' ? (r[e.code] as string) : ''}
          placeholder={e.code}
          onChange={(ev) => set(r.key, e.code, ev.target.value)}
          data-testid={`sample-${e.code}`}
        />
      ),
    })),
    {
      title: '',
      key: 'remove',
      width: 48,
      fixed: 'right' as const,
      render: (_: unknown, r: SampleRow) => (
        <Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => remove(r.key)} aria-label={t('gov.try.remove')} />
      ),
    },
  ];

  const results = tried?.results.map((result, i) => ({ key: i, input: tried.sent[i]!, ...result })) ?? [];
  const resultColumns: TableColumnsType<(typeof results)[number]> = [
    { title: '#', key: 'n', width: 48, render: (_, r) => r.key + 1 },
    { title: t('gov.problem.verdict'), dataIndex: 'verdict', width: 90, render: (v: string) => <VerdictTag verdict={v} /> },
    {
      title: t('gov.problem.problems'),
      key: 'problems',
      width: 280,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          {r.problems.map((p) => (
            <Typography.Text key={p.rule} type={p.severity === 'error' ? 'danger' : 'warning'} style={{ fontSize: 12 }}>
              {localText(p.message, lang)}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    ...elements.map((e) => ({
      title: e.name,
      key: e.code,
      width: 150,
      onCell: (r: (typeof results)[number]) => ({ style: r.problems.some((p) => p.element === e.code) ? PROBLEM_CELL : undefined }),
      render: (_: unknown, r: (typeof results)[number]) => {
        const value = r.cleaned[e.code] ?? null;
        const input = r.input[e.code] ?? null;
        const problems = r.problems.filter((p) => p.element === e.code);
        const shown = value == null ? <Typography.Text type="secondary">{t('gov.problem.empty')}</Typography.Text> : <span>{value}</span>;
        const cleansed = (input ?? null) !== value;
        const tip = [
          cleansed ? t('gov.try.cleansedFrom', { value: input ?? t('gov.problem.empty') }) : null,
          ...problems.map((p) => localText(p.message, lang)),
        ]
          .filter(Boolean)
          .join('\n');
        const cell = (
          <Typography.Text type={problems.length ? 'danger' : undefined} mark={cleansed && !problems.length}>
            {shown}
          </Typography.Text>
        );
        return tip ? <Tooltip title={tip}>{cell}</Tooltip> : cell;
      },
    })),
  ];

  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('gov.try.hint')}</Typography.Text>
      <Table<SampleRow>
        rowKey="key"
        size="small"
        pagination={false}
        columns={inputColumns}
        dataSource={rows}
        scroll={{ x: 48 + elements.length * 150 }}
        data-testid="sample-table"
      />
      <Space>
        <Button icon={<PlusOutlined />} onClick={add} disabled={rows.length >= MAX_SAMPLE_ROWS}>
          {t('gov.try.addRow')}
        </Button>
        <Button type="primary" icon={<PlayCircleOutlined />} loading={busy} onClick={run} data-testid="try-run">
          {t('gov.try.run')}
        </Button>
      </Space>
      {failure && (
        <Alert
          type="error"
          showIcon
          title={failure.message}
          description={
            failure.problems.length > 0 && (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {failure.problems.map((p, i) => (
                  <li key={i}>
                    {p.path && <Typography.Text code>{p.path}</Typography.Text>} {p.message}
                  </li>
                ))}
              </ul>
            )
          }
          data-testid="try-error"
        />
      )}
      {tried && (
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          columns={resultColumns}
          dataSource={results}
          scroll={{ x: 420 + elements.length * 150 }}
          data-testid="try-results"
        />
      )}
    </Space>
  );
}
