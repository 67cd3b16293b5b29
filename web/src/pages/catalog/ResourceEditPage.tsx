// 资源编辑 (/catalog/new, /catalog/:id/edit): the resource editor. A draft or returned version is
// changed in place; saving a published resource starts a new version (said before saving). The
// server checks every save against the catalog's consistency rules; each problem it reports is put
// beside its field (`elements[2].maskingRule` → row 3, masking rule) and listed above the form.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Space, Spin, Typography, type FormInstance } from 'antd';
import { useLayoutEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { canEditResource, editsEveryUnit } from '../../catalog/access';
import { newResourceValues, resourceToValues, valuesToContent, type ResourceFormValues } from '../../catalog/content-form';
import { elementFieldLabel, resourceFieldLabel } from '../../catalog/diff-format';
import { answeredBy, changedPaths, resourceProblems, type FieldPath, type ResourceProblems } from '../../catalog/field-errors';
import type { Resource } from '../../catalog/types';
import { useUnits } from '../../catalog/use-units';
import { vocabLabel } from '../../catalog/vocab';
import { Forbidden } from '../../components/Forbidden';
import { LoadError } from '../../components/LoadError';
import { errorText, localText } from '../../errors';
import { useI18n, type Translate } from '../../i18n';
import { useApi } from '../../use-api';
import { ResourceForm } from './ResourceForm';

/** Where a problem is: `资源名称`, `信息项第 3 行（身份证）· 脱敏规则`. */
function problemPlace(t: Translate, path: FieldPath, values: ResourceFormValues | undefined): string {
  if (path[0] === 'elements' && typeof path[1] === 'number') {
    const row = path[1];
    const name = values?.elements?.[row]?.name?.trim();
    const field = typeof path[2] === 'string' ? elementFieldLabel(t, path[2]) : undefined;
    const head = `${t('catalog.field.elements')} #${row + 1}${name ? `（${name}）` : ''}`;
    return field ? `${head} · ${field}` : head;
  }
  return path.length ? resourceFieldLabel(t, String(path[0])) : t('common.none');
}

export function ResourceEditPage() {
  const { id } = useParams();
  const creating = !id;
  const { user } = useAuth();
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ResourceFormValues>();
  const { units } = useUnits();
  const [problems, setProblems] = useState<ResourceProblems | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  // the fields that carry a server message now
  const [shown, setShown] = useState<FieldPath[]>([]);
  const loaded = useApi(id ? `resource:${id}` : null, () => api.get<Resource>(`/api/v1/catalog/resources/${encodeURIComponent(id!)}`));
  const resource = loaded.data;
  const initial = useMemo(() => (resource ? resourceToValues(resource) : newResourceValues()), [resource]);

  // A layout effect: the values are in place before the form is first painted, so nothing typed
  // into that first frame is wiped by the reset.
  useLayoutEffect(() => {
    if (id && !resource) return; // the form is not on screen yet
    form.resetFields();
    form.setFieldsValue(creating && user ? { ...initial, providerUnitId: user.unitId } : initial);
  }, [initial, form, creating, user, id, resource]);

  if (!user) return null;
  if (id && loaded.error && !resource) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (id && !resource) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (resource && !canEditResource(user, resource.providerUnitId)) return <Forbidden />;

  const problemRows = new Set(shown.flatMap((p) => (p[0] === 'elements' && typeof p[1] === 'number' ? [p[1]] : [])));
  const published = resource?.status === 'published';
  const underReview = resource && ['submitted', 'approved'].includes(resource.status);
  const deprecated = !!resource?.deprecatedAt || resource?.status === 'deprecated';
  const locked = !!underReview || deprecated;

  // Problem paths come from the server, so they are not typed against the form's fields.
  const anyForm = form as unknown as FormInstance;
  const clearShown = () => {
    if (shown.length) anyForm.setFields(shown.map((name) => ({ name, errors: [] })));
    setShown([]);
  };

  // A changed field's server message goes away (it may no longer hold); the list above stays until the next save.
  const answered = (changed: unknown) => {
    const done = answeredBy(shown, changedPaths(changed));
    if (!done.length) return;
    anyForm.setFields(done.map((name) => ({ name, errors: [] })));
    setShown(shown.filter((s) => !done.includes(s)));
  };

  const show = (found: ResourceProblems) => {
    const byPath = new Map<string, { name: FieldPath; errors: string[] }>();
    for (const p of found.problems) {
      const key = JSON.stringify(p.path);
      const entry = byPath.get(key) ?? { name: p.path, errors: [] };
      entry.errors.push(localText(p.message, lang));
      byPath.set(key, entry);
    }
    const fields = [...byPath.values()];
    anyForm.setFields(fields);
    setShown(fields.map((f) => f.name));
    setProblems(found);
    const first = fields.find((f) => f.name.length)?.name;
    if (first) anyForm.scrollToField(first, { block: 'center' });
  };

  const save = async (andSubmit: boolean) => {
    clearShown();
    setProblems(null);
    setFailure(null);
    let values: ResourceFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // antd shows the field messages and scrolls to the first
    }
    const content = valuesToContent(values);
    setBusy(andSubmit ? 'submit' : 'save');
    try {
      const saved = creating
        ? await api.post<Resource>('/api/v1/catalog/resources', {
            ...content,
            ...(values.providerUnitId && values.providerUnitId !== user.unitId ? { providerUnitId: values.providerUnitId } : {}),
          })
        : await api.put<Resource>(`/api/v1/catalog/resources/${encodeURIComponent(id!)}`, content);
      if (andSubmit) {
        try {
          await api.post<Resource>(`/api/v1/catalog/resources/${encodeURIComponent(saved.id)}/submit`, {});
        } catch (err) {
          // saved, but not submitted: go to the saved resource and say why
          message.error(errorText(err, t));
          navigate(`/catalog/${saved.id}`, { replace: true });
          return;
        }
      }
      message.success(andSubmit ? t('catalog.edit.submitted') : t('catalog.edit.saved'));
      navigate(`/catalog/${saved.id}`, { replace: creating });
    } catch (err) {
      const found = resourceProblems(err);
      if (found) show(found);
      else setFailure(errorText(err, t));
    } finally {
      setBusy(null);
    }
  };

  const back = resource ? `/catalog/${resource.id}` : '/catalog';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to={back}>
        <ArrowLeftOutlined /> {resource ? resource.name : t('menu.catalog')}
      </Link>
      <Card
        title={creating ? t('catalog.edit.createTitle') : t('catalog.edit.editTitle', { code: resource!.code })}
        extra={
          <Space>
            <Button onClick={() => navigate(back)}>{t('common.cancel')}</Button>
            <Button onClick={() => save(false)} loading={busy === 'save'} disabled={locked || busy !== null} data-testid="save-resource">
              {published ? t('catalog.edit.saveNewVersion') : t('catalog.edit.save')}
            </Button>
            <Button
              type="primary"
              onClick={() => save(true)}
              loading={busy === 'submit'}
              disabled={locked || busy !== null}
              data-testid="save-submit-resource"
            >
              {t('catalog.edit.saveAndSubmit')}
            </Button>
          </Space>
        }
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%', marginBottom: 16 }}>
          {published && (
            <Alert
              type="warning"
              showIcon
              title={t('catalog.edit.publishedAlert', { next: resource!.version + 1, current: resource!.version })}
              data-testid="new-version-warning"
            />
          )}
          {underReview && (
            <Alert type="info" showIcon title={t('catalog.edit.underReview', { status: vocabLabel(t, 'status', resource!.status) })} />
          )}
          {deprecated && <Alert type="error" showIcon title={t('catalog.edit.deprecated')} />}
          {resource?.status === 'returned' && resource.reviewComment && (
            <Alert type="warning" showIcon title={t('catalog.returnedAlert')} description={resource.reviewComment} />
          )}
          {failure && <Alert type="error" showIcon title={failure} />}
          {problems && (
            <Alert
              type="error"
              showIcon
              title={t(problems.kind === 'inconsistent' ? 'catalog.edit.problems' : 'catalog.edit.invalid', {
                n: problems.problems.length,
              })}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="resource-problems">
                  {problems.problems.map((p, i) => (
                    <li key={i} data-rule={p.rule}>
                      <Typography.Link onClick={() => p.path.length && anyForm.scrollToField(p.path, { block: 'center' })}>
                        {problemPlace(t, p.path, form.getFieldsValue(true) as ResourceFormValues)}
                      </Typography.Link>
                      ：{localText(p.message, lang)}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
        </Space>
        <ResourceForm
          form={form}
          units={units}
          chooseProvider={creating && editsEveryUnit(user)}
          disabled={locked}
          problemRows={problemRows}
          onValuesChange={answered}
        />
      </Card>
    </Space>
  );
}
