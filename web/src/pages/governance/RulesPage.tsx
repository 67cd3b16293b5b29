// 规则 (/governance/rules): a resource's rule set — cleansing steps per element and quality rules — as
// YAML in an editor with readable tables of what it says, saved as a new version with a comment (the
// platform and the operator), with its version history and "试运行 Try on a sample" on the text as it
// stands, saved or not. The resource is in the URL so a link can point at one resource's rules.
import { Alert, App, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { LoadError } from '../../components/LoadError';
import { errorText } from '../../errors';
import { formatTime } from '../../format';
import { ruleSetProblems } from '../../governance/rule-problems';
import { readRuleSetText, ruleSetToYaml } from '../../governance/rule-text';
import type { RuleSet, RuleSetProblem, RuleSetResponse } from '../../governance/types';
import { resourceOptions, useTableResources } from '../../governance/use-table-resources';
import { useI18n } from '../../i18n';
import { useApi } from '../../use-api';
import { CleansingTable, RuleTable } from './RuleTables';
import { RuleHistory } from './RuleHistory';
import { TrySample } from './TrySample';

export function RulesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const resources = useTableResources('rules.read');
  const resourceId = params.get('resource') ?? resources.data?.[0]?.id ?? null;
  const loaded = useApi(resourceId ? `rules:${resourceId}` : null, () =>
    api.get<RuleSetResponse>(`/api/v1/governance/rule-sets/${encodeURIComponent(resourceId!)}`),
  );
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [comment, setComment] = useState('');
  const [saveError, setSaveError] = useState<{ message: string; problems: RuleSetProblem[] } | null>(null);

  const original = useMemo(() => (loaded.data ? ruleSetToYaml(loaded.data.active.ruleSet) : ''), [loaded.data]);
  useEffect(() => {
    setText(original);
    setSaveError(null);
  }, [original]);

  const reading = useMemo(() => readRuleSetText(text), [text]);
  const [shown, setShown] = useState<RuleSet | null>(null);
  // keep the last readable tables while a line is half typed
  useEffect(() => {
    if (reading.ok) setShown(reading.ruleSet);
  }, [reading]);

  if (resources.error && !resources.data) return <LoadError error={resources.error} onRetry={resources.reload} />;
  if (loaded.error && !loaded.data) return <LoadError error={loaded.error} onRetry={loaded.reload} />;

  const data = loaded.data;
  const changed = text !== original;
  const elements = data?.resource.elements ?? [];

  const save = async () => {
    if (!resourceId) return;
    setBusy(true);
    try {
      const res = await api.put<{ version: number }>(`/api/v1/governance/rule-sets/${encodeURIComponent(resourceId)}`, {
        text,
        format: 'yaml',
        comment,
      });
      setSaving(false);
      setComment('');
      setSaveError(null);
      message.success(t('gov.rules.saved', { version: res.version }));
      loaded.reload();
    } catch (err) {
      setSaving(false);
      setSaveError({ message: errorText(err, t), problems: ruleSetProblems(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('menu.rules')}
        extra={
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={resources.loading}
            value={resourceId ?? undefined}
            options={resourceOptions(resources.data)}
            onChange={(v: string) => setParams({ resource: v })}
            placeholder={t('gov.rules.pickResource')}
            style={{ width: 360 }}
            id="rules_resource"
            data-testid="rules-resource"
          />
        }
      >
        {resources.data && resources.data.length === 0 && <Alert type="info" showIcon title={t('gov.rules.noResources')} />}
        {resourceId && !data && <Spin style={{ display: 'block', margin: '32px auto' }} />}
        {data && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Space size={8} wrap data-testid="rules-active">
              <Typography.Text strong>{data.resource.name}</Typography.Text>
              {data.active.version == null ? (
                <Tag>{t('gov.rules.default')}</Tag>
              ) : (
                <Tag color="blue">{t('gov.rules.versionN', { version: data.active.version })}</Tag>
              )}
              {data.active.createdAt && <Typography.Text type="secondary">{formatTime(data.active.createdAt)}</Typography.Text>}
              {data.active.comment && <Typography.Text type="secondary">· {data.active.comment}</Typography.Text>}
              {changed && <Tag color="orange">{t('gov.rules.unsaved')}</Tag>}
            </Space>
            {data.active.version == null && <Typography.Text type="secondary">{t('gov.rules.defaultHint')}</Typography.Text>}
            <Row gutter={16}>
              <Col xs={24} xl={10}>
                <Input.TextArea
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  autoSize={{ minRows: 24, maxRows: 40 }}
                  spellCheck={false}
                  readOnly={!can('rules.manage')}
                  style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 }}
                  data-testid="rules-text"
                />
                {!reading.ok && (
                  <Alert type="warning" showIcon title={t('gov.rules.unreadable')} description={reading.error} style={{ marginTop: 8 }} />
                )}
                {saveError && (
                  <Alert
                    type="error"
                    showIcon
                    style={{ marginTop: 8 }}
                    title={saveError.message}
                    description={
                      saveError.problems.length > 0 && (
                        <ul style={{ margin: 0, paddingLeft: 18 }}>
                          {saveError.problems.map((p, i) => (
                            <li key={i}>
                              {p.path && <Typography.Text code>{p.path}</Typography.Text>} {p.message}
                            </li>
                          ))}
                        </ul>
                      )
                    }
                    data-testid="rules-error"
                  />
                )}
                <Space style={{ marginTop: 8 }}>
                  {can('rules.manage') && (
                    <Button type="primary" disabled={!changed} onClick={() => setSaving(true)} data-testid="rules-save">
                      {t('gov.rules.save')}
                    </Button>
                  )}
                  {can('rules.manage') && (
                    <Button disabled={!changed} onClick={() => setText(original)}>
                      {t('gov.rules.revert')}
                    </Button>
                  )}
                </Space>
              </Col>
              <Col xs={24} xl={14}>
                <Tabs
                  items={[
                    {
                      key: 'rules',
                      label: t('gov.rules.tab.rules', { n: shown?.rules.length ?? 0 }),
                      children: <RuleTable ruleSet={shown} elements={elements} />,
                    },
                    {
                      key: 'cleansing',
                      label: t('gov.rules.tab.cleansing'),
                      children: <CleansingTable ruleSet={shown} elements={elements} />,
                    },
                    {
                      key: 'try',
                      label: t('gov.rules.tab.try'),
                      children: <TrySample resourceId={data.resource.id} elements={elements} text={text} />,
                    },
                    {
                      key: 'history',
                      label: t('gov.rules.tab.history', { n: data.history.length }),
                      children: <RuleHistory history={data.history} />,
                    },
                  ]}
                />
              </Col>
            </Row>
          </Space>
        )}
      </Card>
      <Modal
        open={saving}
        title={t('gov.rules.saveTitle')}
        onCancel={() => setSaving(false)}
        onOk={save}
        confirmLoading={busy}
        okText={t('gov.rules.save')}
        okButtonProps={{ 'data-testid': 'rules-save-ok' }}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={t('gov.rules.comment')} extra={t('gov.rules.commentHint')}>
            <Input.TextArea
              rows={3}
              maxLength={500}
              showCount
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              data-testid="rules-comment"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
