// Declares or edits a thematic library (专题库): for a published thematic resource, a base (a dataset or
// a base library), joins to other resources on an element, the output columns (the thematic resource's
// elements) and filters, and how often it is refreshed. The selects offer only what exists: the
// elements of the source each row names. The server checks the whole definition against the catalog
// and answers with every problem it finds, which the form lists as the server words them.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch, Typography } from 'antd';
import { useLayoutEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../../api';
import { errorText } from '../../errors';
import { BASE_ALIAS } from '../../governance/thematic-names';
import {
  definitionFromForm,
  emptyForm,
  formFromDefinition,
  sourceElements,
  VALUELESS_OPS,
  type ThematicForm,
} from '../../governance/thematic-form';
import type { ThematicFilterOp, ThematicLibrary } from '../../governance/types';
import { resourceOptions, type TableResource } from '../../governance/use-table-resources';
import { govLabel } from '../../governance/vocab';
import { useI18n } from '../../i18n';

const FILTER_OPS: ThematicFilterOp[] = ['eq', 'ne', 'in', 'not_null', 'is_null', 'gte', 'lte', 'contains'];

interface Props {
  open: boolean;
  /** The library to edit; none to declare a new one. */
  library?: ThematicLibrary;
  resources: TableResource[];
  /** Thematic resources that already have a library: a new declaration is for another one. */
  declared: Set<string>;
  onClose: () => void;
  onSaved: (name: string) => void;
}

export function ThematicEditor({ open, library, resources, declared, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<ThematicForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; problems: string[] } | null>(null);
  // the whole form, watched, so each row's selects follow the sources chosen above it
  const values = Form.useWatch([], form) as ThematicForm | undefined;

  // A layout effect: the values are in place before the form is first painted, so nothing typed
  // into that first frame is wiped by the reset.
  useLayoutEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      library ? formFromDefinition(library.resourceId, library.definition, library.refreshHours, resources) : emptyForm(),
    );
  }, [open, library, resources, form]);

  const thematicResources = resources.filter((r) => r.kind === 'thematic' && (library ? r.id === library.resourceId : !declared.has(r.id)));
  const thematic = resources.find((r) => r.id === values?.resourceId);
  const elementsOf = useMemo(() => sourceElements(values ?? emptyForm(), resources), [values, resources]);
  const sourceOptions = [...elementsOf.keys()].map((alias) => ({
    value: alias,
    label: alias === BASE_ALIAS ? t('gov.thematic.base') : alias,
  }));
  const elementOptions = (alias: string | undefined) =>
    (elementsOf.get(alias ?? BASE_ALIAS) ?? []).map((e) => ({ value: e.code, label: `${e.name}（${e.code}）` }));
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  /** A row's source (the base or a join's alias) and one of that source's elements. */
  const sourceFields = (list: 'columns' | 'filters', name: number, onElement?: (code: string) => void) => (
    <>
      <Form.Item name={[name, 'from']} rules={required(t('gov.thematic.from'))}>
        <Select placeholder={t('gov.thematic.from')} style={{ width: 140 }} options={sourceOptions} />
      </Form.Item>
      <Form.Item name={[name, 'element']} rules={required(t('gov.thematic.sourceElement'))}>
        <Select
          placeholder={t('gov.thematic.sourceElement')}
          style={{ width: 240 }}
          showSearch={{ optionFilterProp: 'label' }}
          options={elementOptions(values?.[list]?.[name]?.from)}
          onChange={onElement}
        />
      </Form.Item>
    </>
  );

  const submit = async () => {
    let v: ThematicForm;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form marks what is missing
    }
    setBusy(true);
    setError(null);
    try {
      await api.put(`/api/v1/governance/thematic/${encodeURIComponent(v.resourceId!)}`, {
        definition: definitionFromForm(v, resources),
        refreshHours: v.refreshHours,
      });
      onSaved(resources.find((r) => r.id === v.resourceId)?.name ?? '');
    } catch (err) {
      const details = err instanceof ApiError ? (err.details as { problems?: unknown } | undefined) : undefined;
      const problems = Array.isArray(details?.problems) ? details.problems.map(String) : [];
      setError({ message: errorText(err, t), problems });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      // wide enough for a whole join (alias, resource, both elements, match switch, delete) on one line
      width={1000}
      title={library ? t('gov.thematic.editTitle', { name: library.name }) : t('gov.thematic.declareTitle')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      forceRender
      data-testid="thematic-editor"
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.message}
          description={
            error.problems.length > 0 && (
              <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="thematic-problems">
                {error.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<ThematicForm> form={form} layout="vertical" name="thematic">
        <Space wrap size="large" align="start">
          <Form.Item name="resourceId" label={t('gov.thematic.thematicResource')} rules={required(t('gov.thematic.thematicResource'))}>
            <Select
              style={{ width: 360 }}
              disabled={!!library}
              showSearch={{ optionFilterProp: 'label' }}
              options={resourceOptions(thematicResources)}
              notFoundContent={t('gov.thematic.noThematicResource')}
              data-testid="thematic-resource"
            />
          </Form.Item>
          <Form.Item name="refreshHours" label={t('gov.thematic.refreshHours')} rules={required(t('gov.thematic.refreshHours'))}>
            <InputNumber min={1} max={24 * 366} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        {thematic && (
          <Typography.Paragraph type="secondary" data-testid="thematic-wanted">
            {t('gov.thematic.wantedColumns', {
              names: thematic.elements
                .map((e) => `${e.name}（${e.code}${e.key ? `${t('common.comma')}${t('gov.thematic.key')}` : ''}）`)
                .join(t('common.listSep')),
            })}
          </Typography.Paragraph>
        )}

        <Card size="small" title={t('gov.thematic.base')} style={{ marginBottom: 12 }}>
          <Space wrap align="start">
            <Form.Item name="baseKind" noStyle>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'resource', label: t('gov.thematic.baseResource') },
                  { value: 'library', label: t('gov.thematic.baseLibrary') },
                ]}
              />
            </Form.Item>
            {values?.baseKind === 'library' ? (
              <Form.Item name="baseLibrary" rules={required(t('gov.thematic.baseLibrary'))} style={{ marginBottom: 0 }}>
                <Select
                  style={{ width: 240 }}
                  options={(['population', 'legal_entity'] as const).map((l) => ({ value: l, label: govLabel(t, 'library', l) }))}
                />
              </Form.Item>
            ) : (
              <Form.Item name="baseResource" rules={required(t('gov.thematic.baseResource'))} style={{ marginBottom: 0 }}>
                <Select
                  style={{ width: 420 }}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={resourceOptions(resources.filter((r) => r.kind !== 'thematic'))}
                  data-testid="thematic-base-resource"
                />
              </Form.Item>
            )}
          </Space>
        </Card>

        <Card size="small" title={t('gov.thematic.joins')} style={{ marginBottom: 12 }}>
          <Form.List name="joins">
            {(fields, { add, remove }) => (
              <>
                {fields.map(({ key, name }) => (
                  <Space key={key} wrap align="start" data-testid="thematic-join-row">
                    <Form.Item
                      name={[name, 'alias']}
                      rules={[
                        ...required(t('gov.thematic.alias')),
                        { pattern: /^[a-z][a-z0-9_]{0,30}$/, message: t('gov.thematic.aliasRule') },
                        {
                          validator: async (_, v: string | undefined) => {
                            if (v && v === BASE_ALIAS) throw new Error(t('gov.thematic.aliasRule'));
                          },
                        },
                      ]}
                    >
                      <Input placeholder={t('gov.thematic.alias')} style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item name={[name, 'resource']} rules={required(t('gov.thematic.resource'))}>
                      <Select
                        placeholder={t('gov.thematic.resource')}
                        style={{ width: 260 }}
                        showSearch={{ optionFilterProp: 'label' }}
                        options={resourceOptions(resources.filter((r) => r.kind !== 'thematic'))}
                      />
                    </Form.Item>
                    <Form.Item name={[name, 'onBase']} rules={required(t('gov.thematic.on'))}>
                      <Select placeholder={t('gov.thematic.onBase')} style={{ width: 170 }} options={elementOptions(BASE_ALIAS)} />
                    </Form.Item>
                    <Typography.Text style={{ lineHeight: '32px' }}>=</Typography.Text>
                    <Form.Item name={[name, 'onElement']} rules={required(t('gov.thematic.on'))}>
                      <Select
                        placeholder={t('gov.thematic.onElement')}
                        style={{ width: 170 }}
                        options={elementOptions(values?.joins?.[name]?.alias?.trim())}
                      />
                    </Form.Item>
                    <Form.Item name={[name, 'required']} valuePropName="checked" tooltip={t('gov.thematic.requiredYes')}>
                      <Switch checkedChildren={t('gov.thematic.mustMatch')} unCheckedChildren={t('gov.thematic.mayMiss')} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(name)} aria-label={t('gov.thematic.removeRow')} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ required: false })} data-testid="thematic-add-join">
                  {t('gov.thematic.addJoin')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card size="small" title={t('gov.thematic.columns')} style={{ marginBottom: 12 }}>
          <Form.List name="columns">
            {(fields, { add, remove }) => (
              <>
                {fields.map(({ key, name }) => (
                  <Space key={key} wrap align="start" data-testid="thematic-column-row">
                    {sourceFields('columns', name, (code) => {
                      // the same code in the thematic resource is the likely output column
                      if (thematic?.elements.some((e) => e.code === code) && !form.getFieldValue(['columns', name, 'as']))
                        form.setFieldValue(['columns', name, 'as'], code);
                    })}
                    <Typography.Text style={{ lineHeight: '32px' }}>→</Typography.Text>
                    <Form.Item name={[name, 'as']} rules={required(t('gov.thematic.outputColumn'))}>
                      <Select
                        placeholder={t('gov.thematic.outputColumn')}
                        style={{ width: 240 }}
                        options={(thematic?.elements ?? []).map((e) => ({ value: e.code, label: `${e.name}（${e.code}）` }))}
                      />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(name)} aria-label={t('gov.thematic.removeRow')} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ from: BASE_ALIAS })} data-testid="thematic-add-column">
                  {t('gov.thematic.addColumn')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card size="small" title={t('gov.thematic.filters')}>
          <Form.List name="filters">
            {(fields, { add, remove }) => (
              <>
                {fields.map(({ key, name }) => {
                  const op = values?.filters?.[name]?.op;
                  return (
                    <Space key={key} wrap align="start" data-testid="thematic-filter-row">
                      {sourceFields('filters', name)}
                      <Form.Item name={[name, 'op']} rules={required(t('gov.thematic.op'))}>
                        <Select style={{ width: 120 }} options={FILTER_OPS.map((o) => ({ value: o, label: govLabel(t, 'filterOp', o) }))} />
                      </Form.Item>
                      {op && !VALUELESS_OPS.includes(op) && (
                        <Form.Item
                          name={[name, 'value']}
                          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('gov.thematic.value') }) }]}
                        >
                          <Input
                            maxLength={2000}
                            style={{ width: 220 }}
                            placeholder={op === 'in' ? t('gov.thematic.valuesPlaceholder') : t('gov.thematic.value')}
                          />
                        </Form.Item>
                      )}
                      <Button icon={<DeleteOutlined />} onClick={() => remove(name)} aria-label={t('gov.thematic.removeRow')} />
                    </Space>
                  );
                })}
                <Button icon={<PlusOutlined />} onClick={() => add({ from: BASE_ALIAS, op: 'not_null' })} data-testid="thematic-add-filter">
                  {t('gov.thematic.addFilter')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
      </Form>
    </Modal>
  );
}
