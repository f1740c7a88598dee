import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Drawer, Empty, Input, List, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { getArticle, searchKb } from '../../api/knowledge.ts';
import { useLoad } from '../../app/hooks.ts';
import { useT } from '../../app/i18n.tsx';
import { KIND_TEXT } from '../knowledge/kinds.ts';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { Markdown } from '../shared/Markdown.tsx';
import { InsertReplyButton, plainText } from './contact/replyTarget.tsx';

/**
 * Knowledge search beside the contact (Ctrl+K): approved answers with their source, so the agent quotes
 * the bank's knowledge instead of improvising (guide §1.2). The panel overlays without moving the desk.
 */
export function KnowledgeDrawer({
  open,
  onClose,
  query,
  setQuery,
}: {
  open: boolean;
  onClose(): void;
  query: string;
  setQuery(q: string): void;
}) {
  const t = useT();
  const [submitted, setSubmitted] = useState(query);
  const [articleId, setArticleId] = useState<string | null>(null);
  const inputRef = useRef<{ focus(): void } | null>(null);
  useEffect(() => {
    if (open) setTimeout(() => inputRef.current?.focus(), 50);
  }, [open]);
  useEffect(() => {
    const id = setTimeout(() => setSubmitted(query.trim()), 250);
    return () => clearTimeout(id);
  }, [query]);
  const hits = useLoad(submitted ? (s) => searchKb(submitted, s) : null, [submitted]);
  const article = useLoad(articleId ? (s) => getArticle(articleId, s) : null, [articleId]);
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={460}
      mask={false}
      title={t('知识库搜索', 'Knowledge search')}
      extra={<kbd className="cd-kbd">Ctrl+K</kbd>}
      styles={{ body: { padding: 12 } }}
    >
      <Input.Search
        ref={(el) => {
          inputRef.current = el;
        }}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setArticleId(null);
        }}
        placeholder={t('例如:挂失 补卡 费用', 'e.g. loss report, replacement fee')}
        allowClear
        aria-label={t('知识库搜索', 'Knowledge search')}
        data-testid="kb-search"
      />
      <div style={{ marginTop: 12 }}>
        {articleId ? (
          <>
            <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => setArticleId(null)} style={{ padding: 0 }}>
              {t('返回结果', 'Back to results')}
            </Button>
            <ErrorNote error={article.error} retry={article.reload} />
            {article.loading && <Spin />}
            {article.data && (
              <article>
                <Typography.Title level={5}>
                  {article.data.title} <InsertReplyButton text={plainText(article.data.rendered)} />
                </Typography.Title>
                <Markdown text={article.data.rendered} />
                {article.data.source && (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
                    {t('来源', 'Source')}: {article.data.source}
                  </Typography.Paragraph>
                )}
              </article>
            )}
          </>
        ) : (
          <>
            <ErrorNote error={hits.error} retry={hits.reload} />
            {submitted && !hits.loading && (hits.data?.results ?? []).length === 0 && !hits.error && (
              <Empty description={t('没有找到相关知识', 'Nothing found')} />
            )}
            <List
              loading={hits.loading}
              dataSource={hits.data?.results ?? []}
              renderItem={(h) => (
                <List.Item
                  style={{ cursor: 'pointer' }}
                  onClick={() => setArticleId(h.id)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') setArticleId(h.id);
                  }}
                  tabIndex={0}
                >
                  <List.Item.Meta
                    title={
                      <span>
                        {h.title} <Tag>{t(...(KIND_TEXT[h.kind] ?? [h.kind, h.kind]))}</Tag>
                      </span>
                    }
                    description={<span className="cd-pre">{h.snippet}</span>}
                  />
                </List.Item>
              )}
            />
          </>
        )}
      </div>
    </Drawer>
  );
}
