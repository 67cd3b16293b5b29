// 公共数据开放目录 (/portal): the public open catalog, readable without signing in. Read-only: what each
// opened resource is, who provides it, how often it changes, on what condition it is open, and its
// data items. Review details never reach this page (the public API does not carry them).
import { LoginOutlined, TranslationOutlined } from '@ant-design/icons';
import { Button, Card, Input, Layout, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import type { PublicOpenResource } from '../catalog/types';
import { vocabLabel } from '../catalog/vocab';
import { LoadError } from '../components/LoadError';
import { formatTime } from '../format';
import { useI18n } from '../i18n';
import type { ListResponse } from '../types';
import { useApi } from '../use-api';

export function PortalPage() {
  const { lang, setLang, t } = useI18n();
  const [q, setQ] = useState('');
  const list = useApi(`portal:${q}`, () => api.get<ListResponse<PublicOpenResource>>('/open/v1/catalog', { q }));
  const items = list.data?.items ?? [];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#0b2a5b' }}>
        <Space size={12}>
          <span style={{ color: '#fff', fontSize: 20, fontWeight: 600, letterSpacing: 2 }}>{t('app.name')}</span>
          <span style={{ color: '#fff', opacity: 0.85 }}>{t('portal.title')}</span>
        </Space>
        <Space>
          <Button
            type="text"
            style={{ color: '#fff' }}
            icon={<TranslationOutlined />}
            onClick={() => setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN')}
          >
            {t('lang.switch')}
          </Button>
          <Link to="/login">
            <Button type="text" style={{ color: '#fff' }} icon={<LoginOutlined />}>
              {t('portal.login')}
            </Button>
          </Link>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24, maxWidth: 1200, width: '100%', margin: '0 auto' }}>
        <Typography.Title level={3} style={{ marginTop: 8 }}>
          {t('portal.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('portal.subtitle')}</Typography.Paragraph>
        <Input.Search
          allowClear
          size="large"
          enterButton={t('common.search')}
          placeholder={t('portal.search')}
          onSearch={(v) => setQ(v.trim())}
          style={{ marginBottom: 16 }}
          data-testid="portal-search"
        />
        {list.error && !list.data ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <Spin spinning={list.loading}>
            <Typography.Paragraph type="secondary">{t('portal.count', { n: items.length })}</Typography.Paragraph>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="portal-list">
              {items.map((r) => (
                <Card key={r.code} size="small" title={r.name} extra={<Typography.Text type="secondary">{r.code}</Typography.Text>}>
                  <Space size={[4, 4]} wrap style={{ marginBottom: 8 }}>
                    <Tag color="blue">{vocabLabel(t, 'openType', r.openType)}</Tag>
                    <Tag>{vocabLabel(t, 'format', r.format)}</Tag>
                    <Tag>{vocabLabel(t, 'updateCycle', r.updateCycle)}</Tag>
                  </Space>
                  <Typography.Paragraph style={{ marginBottom: 8 }}>{r.summary}</Typography.Paragraph>
                  <Typography.Text type="secondary">
                    {`${t('portal.provider')}${t('common.colon')}${r.provider}　${t('portal.publishedAt')}${t('common.colon')}${formatTime(r.publishedAt)}`}
                  </Typography.Text>
                  {r.openCondition && (
                    <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                      {`${t('portal.openCondition')}${t('common.colon')}${r.openCondition}`}
                    </Typography.Paragraph>
                  )}
                  {r.elements.length > 0 && (
                    <div style={{ marginTop: 8 }}>
                      <Typography.Text type="secondary">{`${t('portal.elements')}${t('common.colon')}`}</Typography.Text>
                      <Space size={[4, 4]} wrap>
                        {r.elements.map((e) => (
                          <Tag key={e.code} title={`${e.code} · ${vocabLabel(t, 'elementType', e.type)}`}>
                            {e.name}
                          </Tag>
                        ))}
                      </Space>
                    </div>
                  )}
                </Card>
              ))}
            </Space>
          </Spin>
        )}
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>
        <Typography.Text type="secondary">
          {t('app.name')} · {t('portal.title')}
        </Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
