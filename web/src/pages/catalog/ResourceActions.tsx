// What may be done with a resource now, by permission and state:
//   provider (catalog.edit on its unit): edit, submit a draft or returned version, propose a published
//   resource for the open catalog; platform service unit (catalog.review): approve or return (with
//   reasons) a submitted version, publish an approved one, deprecate a published one (with a reason), also
//   while a newer version of it is in draft or review.
// The server checks all of it again; the buttons only avoid offering what it would refuse.
import { App, Button, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { canEditResource, canReview } from '../../catalog/access';
import type { OpenEntry, Resource, ResourceSummary } from '../../catalog/types';
import type { OpenType } from '../../catalog/vocab';
import { errorText } from '../../errors';
import { useI18n } from '../../i18n';
import { ReasonModal } from './ReasonModal';

export type ResourceAction = 'edit' | 'submit' | 'approve' | 'return' | 'publish' | 'deprecate' | 'proposeOpen';

type Target = Pick<Resource | ResourceSummary, 'id' | 'status' | 'providerUnitId' | 'publishedVersion' | 'deprecatedAt' | 'openType'>;

interface Props {
  resource: Target;
  /** The open type of the published version, when the resource shown is a newer working copy. */
  publishedOpenType?: OpenType;
  openEntry?: OpenEntry | null;
  /** Restrict to these actions (the review queue shows only review actions). */
  only?: ResourceAction[];
  size?: 'small' | 'middle';
  onChanged: (resource?: Resource) => void;
}

export function ResourceActions({ resource: r, publishedOpenType, openEntry, only, size = 'middle', onChanged }: Props) {
  const { user } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [asking, setAsking] = useState<'approve' | 'return' | 'deprecate' | null>(null);
  const [busy, setBusy] = useState<ResourceAction | null>(null);
  if (!user) return null;

  const id = encodeURIComponent(r.id);
  const edits = canEditResource(user, r.providerUnitId);
  const reviews = canReview(user);
  const live = !r.deprecatedAt;
  const openType = publishedOpenType ?? r.openType;
  const allowed: Record<ResourceAction, boolean> = {
    edit: edits && live && ['draft', 'returned', 'published'].includes(r.status),
    submit: edits && live && ['draft', 'returned'].includes(r.status),
    approve: reviews && r.status === 'submitted',
    return: reviews && r.status === 'submitted',
    publish: reviews && r.status === 'approved',
    // the published line may be deprecated while a newer version is drafted or reviewed (that version is closed with it)
    deprecate: reviews && live && r.publishedVersion != null,
    proposeOpen:
      edits &&
      live &&
      r.publishedVersion != null &&
      openType !== 'none' &&
      !(openEntry && ['submitted', 'published'].includes(openEntry.status)),
  };
  const show = (a: ResourceAction) => allowed[a] && (!only || only.includes(a));

  const transition = async (action: 'submit' | 'approve' | 'return' | 'publish' | 'deprecate', comment: string | null) => {
    const updated = await api.post<Resource>(`/api/v1/catalog/resources/${id}/${action}`, { comment });
    message.success(t(`catalog.done.${action}`));
    onChanged(updated);
  };
  const run = async (action: ResourceAction, work: () => Promise<void>) => {
    setBusy(action);
    try {
      await work();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(null);
    }
  };
  const btn = { size } as const;

  return (
    <Space size={size === 'small' ? 0 : 8} wrap data-testid="resource-actions">
      {show('edit') && (
        <Button
          {...btn}
          type={size === 'small' ? 'link' : 'default'}
          onClick={() => navigate(`/catalog/${r.id}/edit`)}
          data-testid="action-edit"
        >
          {t('catalog.action.edit')}
        </Button>
      )}
      {show('submit') && (
        <Popconfirm title={t('catalog.confirm.submit')} onConfirm={() => run('submit', () => transition('submit', null))}>
          <Button {...btn} type="primary" loading={busy === 'submit'} data-testid="action-submit">
            {t('catalog.action.submit')}
          </Button>
        </Popconfirm>
      )}
      {show('approve') && (
        <Button {...btn} type={size === 'small' ? 'link' : 'primary'} onClick={() => setAsking('approve')} data-testid="action-approve">
          {t('catalog.action.approve')}
        </Button>
      )}
      {show('return') && (
        <Button
          {...btn}
          type={size === 'small' ? 'link' : 'default'}
          danger
          onClick={() => setAsking('return')}
          data-testid="action-return"
        >
          {t('catalog.action.return')}
        </Button>
      )}
      {show('publish') && (
        <Popconfirm title={t('catalog.confirm.publish')} onConfirm={() => run('publish', () => transition('publish', null))}>
          <Button {...btn} type={size === 'small' ? 'link' : 'primary'} loading={busy === 'publish'} data-testid="action-publish">
            {t('catalog.action.publish')}
          </Button>
        </Popconfirm>
      )}
      {show('proposeOpen') && (
        <Popconfirm
          title={t('catalog.confirm.proposeOpen')}
          onConfirm={() =>
            run('proposeOpen', async () => {
              await api.post<void>(`/api/v1/catalog/resources/${id}/open`);
              message.success(t('catalog.done.proposeOpen'));
              onChanged();
            })
          }
        >
          <Button {...btn} loading={busy === 'proposeOpen'} data-testid="action-propose-open">
            {t('catalog.action.proposeOpen')}
          </Button>
        </Popconfirm>
      )}
      {show('deprecate') && (
        <Button
          {...btn}
          type={size === 'small' ? 'link' : 'default'}
          danger
          onClick={() => setAsking('deprecate')}
          data-testid="action-deprecate"
        >
          {t('catalog.action.deprecate')}
        </Button>
      )}
      <ReasonModal
        open={asking !== null}
        title={
          asking === 'return'
            ? t('catalog.reason.returnTitle')
            : asking === 'deprecate'
              ? t('catalog.reason.deprecateTitle')
              : t('catalog.reason.approveTitle')
        }
        label={
          asking === 'return'
            ? t('catalog.reason.label')
            : asking === 'deprecate'
              ? t('catalog.reason.deprecateLabel')
              : t('catalog.reason.commentLabel')
        }
        required={asking !== 'approve'}
        presets={asking === 'return'}
        danger={asking !== 'approve'}
        okText={asking ? t(`catalog.action.${asking}`) : undefined}
        onClose={() => setAsking(null)}
        onSubmit={async (comment) => {
          if (!asking) return;
          await transition(asking, comment);
          setAsking(null);
        }}
      />
    </Space>
  );
}
