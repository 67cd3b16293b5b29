// 问题工单 (/governance/tickets): the problem tickets of one's unit (every unit's for the platform and the
// regulator), newest first, by status; overdue ones — open past their deadline, which supervision
// follows — are marked in red. The status filter lives in the URL so a view can be bookmarked.
import { Card, Radio, Space, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { LoadError } from '../../components/LoadError';
import { formatTime } from '../../format';
import { TicketStatusTag } from '../../governance/StatusTags';
import type { Ticket, TicketList } from '../../governance/types';
import { govLabel, TICKET_STATUSES } from '../../governance/vocab';
import { useI18n } from '../../i18n';
import { useApi } from '../../use-api';

const SERVER_PAGE_SIZE = 50;

export function TicketsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const resource = params.get('resource') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useApi(`tickets:${status}:${resource ?? ''}:${page}`, () =>
    api.get<TicketList>('/api/v1/governance/tickets', { status, resource, page }),
  );
  if (list.error && !list.data) return <LoadError error={list.error} onRetry={list.reload} />;

  const set = (name: 'status' | 'page', value: string) => {
    const next = new URLSearchParams(params);
    if (value && value !== '1') next.set(name, value);
    else next.delete(name);
    if (name === 'status') next.delete('page');
    setParams(next);
  };

  const columns: TableColumnsType<Ticket> = [
    {
      title: t('gov.ticket.resource'),
      dataIndex: 'resourceName',
      render: (name: string, tk) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/governance/tickets/${tk.id}`} data-testid="ticket-link">
            {name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {tk.resourceCode}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('gov.ticket.unit'), dataIndex: 'unitName', width: 150, ellipsis: true },
    { title: t('gov.ticket.kind'), dataIndex: 'kind', width: 120, render: (k: string) => govLabel(t, 'ticketKind', k) },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (s: string) => <TicketStatusTag status={s} /> },
    {
      title: t('gov.ticket.records'),
      key: 'records',
      width: 110,
      render: (_, tk) => t('gov.ticket.openOfTotal', { open: tk.recordsOpen, total: tk.recordsTotal }),
    },
    {
      title: t('gov.ticket.deadline'),
      dataIndex: 'deadline',
      width: 170,
      render: (d: string, tk) => <Typography.Text type={tk.status === 'overdue' ? 'danger' : undefined}>{formatTime(d)}</Typography.Text>,
    },
    { title: t('gov.ticket.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
  ];

  return (
    <Card title={t('menu.tickets')}>
      <Radio.Group
        value={status}
        onChange={(e) => set('status', e.target.value as string)}
        optionType="button"
        style={{ marginBottom: 16 }}
        options={[
          { value: '', label: t('gov.ticket.all') },
          ...TICKET_STATUSES.map((s) => ({ value: s, label: govLabel(t, 'ticketStatus', s) })),
        ]}
        data-testid="ticket-filter"
      />
      <Table<Ticket>
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('gov.ticket.empty') }}
        scroll={{ x: 960 }}
        pagination={{
          current: page,
          pageSize: SERVER_PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (n) => t('common.total', { n }),
          onChange: (p) => set('page', String(p)),
        }}
        data-testid="ticket-table"
      />
    </Card>
  );
}
