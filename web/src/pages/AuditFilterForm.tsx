// The audit search form. Times are picked and shown as Beijing time (like every time in the
// console) and sent to the server as UTC instants.
import { Button, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useLayoutEffect } from 'react';
import { isoToShanghaiFields, shanghaiWallClockToIso } from '../format';
import { useI18n } from '../i18n';
import type { Unit } from '../types';
import { AuditActionInput } from './AuditActionInput';
import { actionFromInput } from './audit-actions';
import type { AuditFilters } from './audit-query';

interface FormValues {
  actor?: string;
  unitId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** A picker value showing the Beijing wall-clock time of an ISO instant. */
function toPicker(iso?: string): Dayjs | null {
  const f = iso ? isoToShanghaiFields(iso) : null;
  return f ? dayjs(new Date(f[0], f[1], f[2], f[3], f[4], f[5])) : null;
}

function toFormValues(filters: AuditFilters): FormValues {
  const { from, to, ...rest } = filters;
  return { ...rest, range: from || to ? [toPicker(from), toPicker(to)] : null };
}

function toFilters({ range, ...rest }: FormValues): AuditFilters {
  const filters: AuditFilters = {};
  for (const [key, value] of Object.entries(rest)) {
    if (typeof value === 'string' && value.trim()) filters[key as keyof AuditFilters] = value.trim();
  }
  if (range?.[0]) filters.from = shanghaiWallClockToIso(range[0]);
  if (range?.[1]) filters.to = shanghaiWallClockToIso(range[1]);
  return filters;
}

interface Props {
  filters: AuditFilters;
  units: Unit[];
  onSearch: (filters: AuditFilters) => void;
}

export function AuditFilterForm({ filters, units, onSearch }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<FormValues>();

  // The URL is the source of truth (back/forward, shared links): mirror it into the form.
  // A layout effect: the values are in place before the form is first painted, so nothing typed
  // into that first frame is wiped by the reset.
  useLayoutEffect(() => {
    form.resetFields();
    form.setFieldsValue(toFormValues(filters));
  }, [filters, form]);

  const outcomes = (['success', 'denied', 'failure'] as const).map((o) => ({ value: o, label: t(`outcome.${o}`) }));
  const col = { xs: 24, md: 12, xl: 8 };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      onFinish={(v) => onSearch(toFilters({ ...v, action: v.action && actionFromInput(t, v.action) }))}
      data-testid="audit-filters"
    >
      <Row gutter={16}>
        <Col {...col}>
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input allowClear placeholder={t('audit.actorPlaceholder')} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="unitId" label={t('audit.unit')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={units.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="action" label={t('audit.action')}>
            <AuditActionInput />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="objectType" label={t('audit.objectType')}>
            <Input allowClear />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="objectId" label={t('audit.objectId')}>
            <Input allowClear />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="outcome" label={t('audit.outcome')}>
            <Select allowClear options={outcomes} />
          </Form.Item>
        </Col>
        <Col xs={24} xl={16}>
          <Form.Item name="range" label={t('audit.timeRange')}>
            <DatePicker.RangePicker showTime allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} xl={8} style={{ display: 'flex', alignItems: 'flex-end' }}>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {t('common.search')}
              </Button>
              <Button onClick={() => onSearch({})}>{t('common.reset')}</Button>
            </Space>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
