// The data element table of the resource editor, edited in place: add, remove and reorder rows.
// Each cell is a form field, so the server's refusals (`elements[2].maskingRule`) appear in the
// cell they concern; problems of the list as a whole (no key element) appear under the table.
import { ArrowDownOutlined, ArrowUpOutlined, BulbOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
  type FormInstance,
  type FormListFieldData,
  type TableColumnsType,
} from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { blankElement, type ResourceFormValues } from '../../catalog/content-form';
import type { UnitChoice } from '../../catalog/use-units';
import { ELEMENT_TYPES, MASKING_RULES, SENSITIVITIES, vocabOptions } from '../../catalog/vocab';
import { useI18n } from '../../i18n';
import { ClassifyModal, type TakenSuggestion } from './ClassifyModal';

interface Props {
  form: FormInstance<ResourceFormValues>;
  units: UnitChoice[];
  disabled?: boolean;
  /** Rows the server found problems in, highlighted until the next save. */
  problemRows?: ReadonlySet<number>;
  /** Told of changes made here rather than typed (suggestions taken), as the form's onValuesChange would be. */
  onChanged?: (changed: { elements: unknown[] }) => void;
}

const cell = { style: { marginBottom: 0 } };

export function ElementEditor({ form, units, disabled, problemRows, onChanged }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [classifying, setClassifying] = useState(false);
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];

  return (
    <Form.List name="elements">
      {(fields, { add, remove, move }, { errors }) => {
        const last = fields.length - 1;
        const columns: TableColumnsType<FormListFieldData> = [
          {
            title: t('catalog.element.index'),
            key: 'order',
            width: 92,
            fixed: 'left',
            render: (_, __, i) => (
              <Space size={0}>
                <span style={{ display: 'inline-block', width: 22 }}>{i + 1}</span>
                <Tooltip title={t('catalog.edit.moveUp')}>
                  <Button
                    type="text"
                    size="small"
                    icon={<ArrowUpOutlined />}
                    disabled={disabled || i === 0}
                    onClick={() => move(i, i - 1)}
                    aria-label={t('catalog.edit.moveUp')}
                  />
                </Tooltip>
                <Tooltip title={t('catalog.edit.moveDown')}>
                  <Button
                    type="text"
                    size="small"
                    icon={<ArrowDownOutlined />}
                    disabled={disabled || i === last}
                    onClick={() => move(i, i + 1)}
                    aria-label={t('catalog.edit.moveDown')}
                  />
                </Tooltip>
              </Space>
            ),
          },
          {
            title: t('catalog.element.name'),
            key: 'name',
            width: 150,
            fixed: 'left',
            render: (_, f) => (
              <Form.Item {...cell} name={[f.name, 'name']} rules={required(t('catalog.element.name'))}>
                <Input maxLength={60} />
              </Form.Item>
            ),
          },
          {
            title: t('catalog.element.code'),
            key: 'code',
            width: 150,
            render: (_, f) => (
              <Form.Item
                {...cell}
                name={[f.name, 'code']}
                rules={[...required(t('catalog.element.code')), { pattern: /^[a-z][a-z0-9_]{0,62}$/, message: t('catalog.edit.codeRule') }]}
              >
                <Input maxLength={63} style={{ fontFamily: 'monospace' }} />
              </Form.Item>
            ),
          },
          {
            title: t('catalog.element.type'),
            key: 'type',
            width: 110,
            render: (_, f) => (
              <Form.Item {...cell} name={[f.name, 'type']}>
                <Select options={vocabOptions(t, 'elementType', ELEMENT_TYPES)} popupMatchSelectWidth={false} />
              </Form.Item>
            ),
          },
          {
            title: t('catalog.element.length'),
            key: 'length',
            width: 86,
            render: (_, f) => (
              <Form.Item {...cell} name={[f.name, 'length']}>
                <InputNumber min={1} max={4000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            ),
          },
          {
            title: t('catalog.element.precision'),
            key: 'precision',
            width: 90,
            render: (_, f) => (
              <Form.Item
                noStyle
                shouldUpdate={(prev: ResourceFormValues, next: ResourceFormValues) =>
                  prev.elements?.[f.name]?.type !== next.elements?.[f.name]?.type
                }
              >
                {() => (
                  <Form.Item {...cell} name={[f.name, 'precision']}>
                    <InputNumber
                      min={0}
                      max={18}
                      precision={0}
                      style={{ width: '100%' }}
                      disabled={form.getFieldValue(['elements', f.name, 'type']) !== 'decimal'}
                    />
                  </Form.Item>
                )}
              </Form.Item>
            ),
          },
          {
            title: t('catalog.element.required'),
            key: 'required',
            width: 84,
            align: 'center',
            render: (_, f) => (
              <Form.Item {...cell} name={[f.name, 'required']} valuePropName="checked">
                <Checkbox aria-label={t('catalog.element.required')} />
              </Form.Item>
            ),
          },
          {
            title: t('catalog.element.key'),
            key: 'key',
            width: 56,
            align: 'center',
            render: (_, f) => (
              <Form.Item {...cell} name={[f.name, 'key']} valuePropName="checked">
                <Checkbox
                  aria-label={t('catalog.element.key')}
                  // a key is always required: tick both at once
                  onChange={(e) => e.target.checked && form.setFieldValue(['elements', f.name, 'required'], true)}
                />
              </Form.Item>
            ),
          },
          {
            title: t('catalog.element.standardRef'),
            key: 'standardRef',
            width: 130,
            render: (_, f) => (
              <Form.Item {...cell} name={[f.name, 'standardRef']}>
                <Input maxLength={60} placeholder="GB 11643" />
              </Form.Item>
            ),
          },
          {
            title: t('catalog.element.codeTable'),
            key: 'codeTable',
            width: 120,
            render: (_, f) => (
              <Form.Item {...cell} name={[f.name, 'codeTable']}>
                <Input maxLength={60} placeholder="GB/T 2261.1" />
              </Form.Item>
            ),
          },
          {
            title: t('catalog.element.personalInfo'),
            key: 'personalInfo',
            width: 76,
            align: 'center',
            render: (_, f) => (
              <Form.Item {...cell} name={[f.name, 'personalInfo']} valuePropName="checked">
                <Checkbox aria-label={t('catalog.element.personalInfo')} />
              </Form.Item>
            ),
          },
          {
            title: t('catalog.element.sensitivity'),
            key: 'sensitivity',
            width: 150,
            render: (_, f) => (
              <Form.Item {...cell} name={[f.name, 'sensitivity']}>
                <Select
                  options={vocabOptions(t, 'sensitivity', SENSITIVITIES)}
                  popupMatchSelectWidth={false}
                  // sensitivity is a degree of personal information: mark it as such
                  onChange={(v: string) => v !== 'none' && form.setFieldValue(['elements', f.name, 'personalInfo'], true)}
                />
              </Form.Item>
            ),
          },
          {
            title: t('catalog.element.maskingRule'),
            key: 'maskingRule',
            width: 130,
            render: (_, f) => (
              <Form.Item {...cell} name={[f.name, 'maskingRule']}>
                <Select options={vocabOptions(t, 'maskingRule', MASKING_RULES)} popupMatchSelectWidth={false} />
              </Form.Item>
            ),
          },
          {
            title: t('catalog.element.authoritativeUnitId'),
            key: 'authoritativeUnitId',
            width: 180,
            render: (_, f) => (
              <Form.Item {...cell} name={[f.name, 'authoritativeUnitId']}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={units.map((u) => ({ value: u.id, label: u.name }))}
                  popupMatchSelectWidth={false}
                />
              </Form.Item>
            ),
          },
          {
            title: '',
            key: 'remove',
            width: 56,
            fixed: 'right',
            render: (_, f) => (
              <Tooltip title={t('catalog.edit.removeElement')}>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  disabled={disabled}
                  onClick={() => remove(f.name)}
                  aria-label={t('catalog.edit.removeElement')}
                />
              </Tooltip>
            ),
          },
        ];
        return (
          <>
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 16, marginBottom: 12 }}>
              <Typography.Text type="secondary">{t('catalog.edit.elementsHint')}</Typography.Text>
              <Button
                icon={<BulbOutlined />}
                disabled={disabled || fields.length === 0}
                onClick={() => setClassifying(true)}
                data-testid="classify-open"
              >
                {t('classify.button')}
              </Button>
            </div>
            <Table<FormListFieldData>
              rowKey="key"
              size="small"
              columns={columns}
              dataSource={fields}
              pagination={false}
              scroll={{ x: 1660 }}
              locale={{ emptyText: t('catalog.element.empty') }}
              onRow={(_, i) =>
                ({
                  'data-testid': `element-row-${i}`,
                  'data-problem': i !== undefined && problemRows?.has(i) ? 'true' : undefined,
                  className: i !== undefined && problemRows?.has(i) ? 'gs-problem-row' : undefined,
                }) as HTMLAttributes<HTMLElement>
              }
              data-testid="element-editor"
            />
            <Form.ErrorList errors={errors} />
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              block
              disabled={disabled}
              onClick={() => add(blankElement())}
              style={{ marginTop: 8 }}
              data-testid="add-element"
            >
              {t('catalog.edit.addElement')}
            </Button>
            <ClassifyModal
              open={classifying}
              elements={classifying ? (form.getFieldValue('elements') ?? []) : []}
              onClose={() => setClassifying(false)}
              onTake={(taken: TakenSuggestion[]) => {
                const changed: unknown[] = [];
                for (const { index, suggestion: s } of taken) {
                  const values = {
                    personalInfo: s.personalInfo,
                    sensitivity: s.sensitivity,
                    maskingRule: s.maskingRule,
                    // a standard is only ever added, never cleared by a suggestion without one
                    ...(s.standardRef ? { standardRef: s.standardRef } : {}),
                  };
                  for (const [field, value] of Object.entries(values))
                    form.setFieldValue(['elements', index, field as keyof typeof values], value);
                  changed[index] = values;
                }
                onChanged?.({ elements: changed });
                setClassifying(false);
                message.success(t('classify.applied', { n: taken.length }));
              }}
            />
          </>
        );
      }}
    </Form.List>
  );
}
