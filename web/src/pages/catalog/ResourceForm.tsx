// The resource editor's fields, after GB/T 21063 and in the order of resourceContentSchema: basic
// facts, sharing, opening, grading, data elements. Fields that apply only to some choices (the base
// library of a base resource, the condition of conditional sharing, the level of general data…)
// appear only with those choices.
import { Card, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select, type FormInstance } from 'antd';
import type { ResourceFormValues } from '../../catalog/content-form';
import type { UnitChoice } from '../../catalog/use-units';
import {
  BASE_CATEGORIES,
  FORMATS,
  GRADE_LEVELS,
  GRADES,
  OPEN_TYPES,
  RESOURCE_KINDS,
  SHARING_MODES,
  SHARING_TYPES,
  UPDATE_CYCLES,
  vocabOptions,
} from '../../catalog/vocab';
import { useI18n } from '../../i18n';
import { ElementEditor } from './ElementEditor';

interface Props {
  form: FormInstance<ResourceFormValues>;
  units: UnitChoice[];
  /** Offer the provider unit (creating, for those who edit every unit's resources). */
  chooseProvider: boolean;
  disabled: boolean;
  problemRows?: ReadonlySet<number>;
  onValuesChange?: (changed: unknown) => void;
}

export function ResourceForm({ form, units, chooseProvider, disabled, problemRows, onValuesChange }: Props) {
  const { t } = useI18n();
  const kind = Form.useWatch('kind', form);
  const sharingType = Form.useWatch('sharingType', form);
  const openType = Form.useWatch('openType', form);
  const grade = Form.useWatch('grade', form);
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  const chosen = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  const half = { xs: 24, lg: 12 };
  const third = { xs: 24, md: 12, xl: 8 };

  return (
    <Form<ResourceFormValues>
      form={form}
      name="resource"
      layout="vertical"
      disabled={disabled}
      onValuesChange={onValuesChange}
      scrollToFirstError
      data-testid="resource-form"
    >
      <Card title={t('catalog.section.basic')} size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          {chooseProvider && (
            <Col {...half}>
              <Form.Item name="providerUnitId" label={t('catalog.edit.provider')} rules={chosen(t('catalog.edit.provider'))}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={units.map((u) => ({ value: u.id, label: u.name }))} />
              </Form.Item>
            </Col>
          )}
          <Col {...half}>
            <Form.Item name="name" label={t('catalog.field.name')} rules={required(t('catalog.field.name'))}>
              <Input maxLength={100} showCount />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="summary" label={t('catalog.field.summary')} rules={required(t('catalog.field.summary'))}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="kind" label={t('catalog.field.kind')} rules={chosen(t('catalog.field.kind'))}>
              <Radio.Group optionType="button" options={vocabOptions(t, 'kind', RESOURCE_KINDS)} />
            </Form.Item>
          </Col>
          {kind === 'base' && (
            <Col {...third}>
              <Form.Item name="baseCategory" label={t('catalog.field.baseCategory')}>
                <Select allowClear options={vocabOptions(t, 'baseCategory', BASE_CATEGORIES)} />
              </Form.Item>
            </Col>
          )}
          <Col {...third}>
            <Form.Item
              name="subject"
              label={t('catalog.field.subject')}
              extra={t('catalog.edit.subjectHint')}
              rules={[...required(t('catalog.field.subject')), { pattern: /^[0-9]{3}$/, message: t('catalog.edit.subjectHint') }]}
            >
              <Input maxLength={3} style={{ width: 120 }} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="format" label={t('catalog.field.format')} rules={chosen(t('catalog.field.format'))}>
              <Radio.Group optionType="button" options={vocabOptions(t, 'format', FORMATS)} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="updateCycle" label={t('catalog.field.updateCycle')} rules={chosen(t('catalog.field.updateCycle'))}>
              <Select options={vocabOptions(t, 'updateCycle', UPDATE_CYCLES)} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="publishDate" label={t('catalog.field.publishDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="related" label={t('catalog.field.related')} extra={t('catalog.edit.relatedHint')}>
              <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} suffixIcon={null} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('catalog.section.sharing')} size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="sharingType" label={t('catalog.field.sharingType')} rules={chosen(t('catalog.field.sharingType'))}>
              <Radio.Group optionType="button" options={vocabOptions(t, 'sharingType', SHARING_TYPES)} />
            </Form.Item>
          </Col>
          {sharingType !== 'none' && (
            <Col {...half}>
              <Form.Item name="sharingModes" label={t('catalog.field.sharingModes')}>
                <Checkbox.Group options={vocabOptions(t, 'sharingMode', SHARING_MODES)} />
              </Form.Item>
            </Col>
          )}
          {sharingType === 'conditional' && (
            <Col xs={24}>
              <Form.Item name="sharingCondition" label={t('catalog.field.sharingCondition')}>
                <Input.TextArea rows={2} maxLength={500} showCount />
              </Form.Item>
            </Col>
          )}
          {sharingType === 'none' && (
            <Col xs={24}>
              <Form.Item name="sharingLegalBasis" label={t('catalog.field.sharingLegalBasis')}>
                <Input.TextArea rows={2} maxLength={500} showCount />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Card>

      <Card title={t('catalog.section.open')} size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="openType" label={t('catalog.field.openType')} rules={chosen(t('catalog.field.openType'))}>
              <Radio.Group optionType="button" options={vocabOptions(t, 'openType', OPEN_TYPES)} />
            </Form.Item>
          </Col>
          {openType === 'conditional' && (
            <Col xs={24}>
              <Form.Item name="openCondition" label={t('catalog.field.openCondition')}>
                <Input.TextArea rows={2} maxLength={500} showCount />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Card>

      <Card title={t('catalog.section.grading')} size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="grade" label={t('catalog.field.grade')} rules={chosen(t('catalog.field.grade'))}>
              <Radio.Group optionType="button" options={vocabOptions(t, 'grade', GRADES)} />
            </Form.Item>
          </Col>
          {grade === 'general' && (
            <Col {...half}>
              <Form.Item name="gradeLevel" label={t('catalog.field.gradeLevel')}>
                <Radio.Group optionType="button" options={GRADE_LEVELS.map((n) => ({ value: n, label: `${n}` }))} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24}>
            <Form.Item
              name="gradingRationale"
              label={t('catalog.field.gradingRationale')}
              rules={required(t('catalog.field.gradingRationale'))}
            >
              <Input.TextArea rows={2} maxLength={500} showCount />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('catalog.field.elements')} size="small" style={{ marginBottom: 16 }}>
        <ElementEditor form={form} units={units} disabled={disabled} problemRows={problemRows} onChanged={onValuesChange} />
      </Card>
    </Form>
  );
}
