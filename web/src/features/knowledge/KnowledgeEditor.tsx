import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type ArticleSummary, listArticles, type VersionStatus } from '../../api/knowledge.ts';
import { useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { may } from '../../app/permissions.ts';
import type { Session } from '../../app/session.ts';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { dateTime } from '../shared/format.ts';
import { ArticleForm } from './ArticleForm.tsx';
import { KIND_TEXT, statusText } from './kinds.ts';

type Filter = 'all' | VersionStatus;

/**
 * The knowledge editor: articles with their newest version; write a draft, send it for review, and — as
 * another editor or a supervisor — approve (publish) or send it back. Published knowledge is what agents
 * search and quote, with its source (guide §1.2).
 */
export default function KnowledgeEditor({ session }: { session: Session }) {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<Filter>('all');
  const [selected, setSelected] = useState<{ articleId: string | null; versionId: string | null } | null>(null);
  const list = useLoad((s) => listArticles(filter === 'all' ? {} : { status: filter }, s), [filter]);
  const items = list.data ?? [];
  const pick = (a: ArticleSummary) => setSelected({ articleId: a.id, versionId: a.latestVersionId });
  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: 'minmax(260px, 320px) minmax(0, 1fr)', gap: 16, height: '100%' }}
      data-testid="kb-editor"
    >
      <section
        aria-label={t('文章列表', 'Articles')}
        style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}
      >
        <Space style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('知识库', 'Knowledge')}
          </Typography.Title>
          {/* Only writers start an article (a supervisor reviews): no button the server refuses. */}
          {may(session, 'kb.write') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setSelected({ articleId: null, versionId: null })}
              data-testid="kb-new"
            >
              {t('新建文章', 'New article')}
            </Button>
          )}
        </Space>
        <Segmented
          size="small"
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          options={[
            { value: 'all', label: t('全部', 'All') },
            { value: 'draft', label: t('草稿', 'Drafts') },
            { value: 'in_review', label: t('待审核', 'In review') },
            { value: 'published', label: t('已发布', 'Published') },
          ]}
          style={{ marginBottom: 8 }}
        />
        <ErrorNote error={list.error} retry={list.reload} />
        <div style={{ flex: 1, overflow: 'auto', background: '#fff', border: '1px solid #e5e7eb', borderRadius: 4 }}>
          <List
            size="small"
            loading={list.loading}
            dataSource={items}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无文章', 'No articles')} />,
            }}
            renderItem={(a) => {
              const st = statusText(a.latestStatus);
              const active = selected?.articleId === a.id;
              return (
                <List.Item
                  onClick={() => pick(a)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') pick(a);
                  }}
                  tabIndex={0}
                  style={{ cursor: 'pointer', padding: '8px 12px', background: active ? '#eaf1fb' : undefined }}
                >
                  <div style={{ minWidth: 0 }}>
                    <div style={{ fontWeight: 500 }}>{a.title}</div>
                    <div style={{ fontSize: 12 }} className="cd-muted">
                      <Tag>{t(...(KIND_TEXT[a.kind] ?? [a.kind, a.kind]))}</Tag>
                      <Tag color={st[2]}>
                        v{a.latestVersion} {t(st[0], st[1])}
                      </Tag>
                      {dateTime(a.updatedAt, locale)}
                    </div>
                  </div>
                </List.Item>
              );
            }}
          />
        </div>
      </section>
      <section aria-label={t('编辑', 'Editor')} style={{ minWidth: 0, overflow: 'auto' }}>
        {selected ? (
          <ArticleForm
            key={`${selected.articleId ?? 'new'}:${selected.versionId ?? ''}`}
            session={session}
            articleId={selected.articleId}
            versionId={selected.versionId}
            onSaved={(articleId, versionId) => {
              setSelected({ articleId, versionId });
              list.reload();
            }}
          />
        ) : (
          <Empty
            style={{ marginTop: 96 }}
            description={t('从左侧选择文章,或新建一篇', 'Pick an article or write a new one')}
          />
        )}
      </section>
    </div>
  );
}
