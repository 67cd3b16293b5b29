// Add or change a collection catalog entry: which unit supplies a published resource, how, how often,
// who answers for it, and from when the due dates count. An entry is keyed by resource and supplier,
// so editing keeps both and changes the rest.
import { Alert, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useLayoutEffect, useState } from 'react';
import { api } from '../../api';
import type { CatalogSearch, CollectionEntry, ResourceSummary } from '../../catalog/types';
import type { UnitChoice } from '../../catalog/use-units';
import { COLLECTION_METHODS, UPDATE_CYCLES, vocabOptions, type CollectionMethod, type UpdateCycle } from '../../catalog/vocab';
import { errorText } from '../../errors';
import { useI18n } from '../../i18n';

interface FormValues {
  resourceId: string;
  supplierUnitId: string;
  method: CollectionMethod;
  frequency: UpdateCycle;
  responsiblePerson: string;
  contact: string;
  startsOn: Dayjs;
}

interface Props {
  open: boolean;
  /** The entry being changed, or null to add one. */
  entry: CollectionEntry | null;
  units: UnitChoice[];
  onClose: () => void;
  onSaved: () => void;
}

export function CollectionFormModal({ open, entry, units, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [found, setFound] = useState<ResourceSummary[]>([]);

  const searchResources = async (q: string) => {
    try {
      const res = await api.get<CatalogSearch>('/api/v1/catalog/resources', { q, status: 'published', pageSize: 50 });
      setFound(res.items);
    } catch {
      setFound([]);
    }
  };

  // A layout effect: the values are in place before the form is first painted, so nothing typed
  // into that first frame is wiped by the reset.
  useLayoutEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (entry) {
      form.setFieldsValue({ ...entry, startsOn: dayjs(entry.startsOn) });
      setFound([]);
    } else {
      form.setFieldsValue({ method: 'upload', startsOn: dayjs().startOf('month') });
      void searchResources('');
    }
  }, [open, entry, form]);

  const submit = async () => {
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/v1/catalog/collection', {
        resourceId: v.resourceId,
        supplierUnitId: v.supplierUnitId,
        method: v.method,
        frequency: v.frequency,
        responsiblePerson: v.responsiblePerson.trim(),
        contact: v.contact.trim(),
        startsOn: v.startsOn.format('YYYY-MM-DD'),
      });
      onSaved();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const chosen = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  const resourceOptions = entry
    ? [{ value: entry.resourceId, label: `${entry.resourceName}（${entry.resourceCode}）` }]
    : found.map((r) => ({ value: r.id, label: `${r.name}（${r.code}）` }));

  return (
    <Modal
      open={open}
      title={entry ? t('collection.edit') : t('collection.create')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<FormValues> form={form} layout="vertical" name="collection">
        <Form.Item name="resourceId" label={t('collection.resource')} rules={chosen(t('collection.resource'))}>
          <Select
            disabled={!!entry}
            showSearch={{ filterOption: false, onSearch: (q) => void searchResources(q) }}
            placeholder={t('collection.resourceSearch')}
            options={resourceOptions}
            onChange={(id: string) => {
              const r = found.find((x) => x.id === id);
              if (!r) return;
              form.setFieldsValue({ frequency: r.updateCycle, supplierUnitId: form.getFieldValue('supplierUnitId') ?? r.providerUnitId });
            }}
          />
        </Form.Item>
        <Form.Item name="supplierUnitId" label={t('collection.supplier')} rules={chosen(t('collection.supplier'))}>
          <Select
            disabled={!!entry}
            showSearch={{ optionFilterProp: 'label' }}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="method" label={t('collection.method')} rules={chosen(t('collection.method'))}>
          <Radio.Group optionType="button" options={vocabOptions(t, 'collectionMethod', COLLECTION_METHODS)} />
        </Form.Item>
        <Form.Item name="frequency" label={t('collection.frequency')} rules={chosen(t('collection.frequency'))}>
          <Select options={vocabOptions(t, 'updateCycle', UPDATE_CYCLES)} />
        </Form.Item>
        <Form.Item
          name="responsiblePerson"
          label={t('collection.responsiblePerson')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('collection.responsiblePerson') }) }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="contact"
          label={t('collection.contact')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('collection.contact') }) },
            { pattern: /^[0-9+\- ]{5,20}$/, message: t('collection.contactInvalid') },
          ]}
        >
          <Input maxLength={20} placeholder="0595-21234567" />
        </Form.Item>
        <Form.Item name="startsOn" label={t('collection.startsOn')} rules={chosen(t('collection.startsOn'))}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
