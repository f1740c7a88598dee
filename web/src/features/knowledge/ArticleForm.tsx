import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import {
  type Article,
  type ArticleContent,
  approveVersion,
  createArticle,
  getVersion,
  type Kind,
  newVersion,
  rejectVersion,
  submitVersion,
  updateDraft,
} from '../../api/knowledge.ts';
import { useAction, useDraft, useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { Session } from '../../app/session.ts';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { Markdown } from '../shared/Markdown.tsx';
import { INTENT_OPTIONS } from '../shared/taxonomy.ts';
import { KIND_TEXT, statusText } from './kinds.ts';
import { versionActions } from './permissions.ts';

interface Fields {
  kind: Kind;
  title: string;
  body: string;
  questions: string;
  tags: string;
  intent: string | null;
  audience: 'public' | 'internal';
  source: string;
}

const EMPTY: Fields = {
  kind: 'faq',
  title: '',
  body: '',
  questions: '',
  tags: '',
  intent: null,
  audience: 'internal',
  source: '',
};

function fieldsOf(a: Article): Fields {
  return {
    kind: a.kind,
    title: a.title,
    body: a.body,
    questions: a.questions.join('\n'),
    tags: a.tags.join(','),
    intent: a.intent,
    audience: a.audience,
    source: a.source ?? '',
  };
}

function contentOf(f: Fields): ArticleContent {
  return {
    title: f.title.trim(),
    body: f.body.trim(),
    questions: f.questions
      .split('\n')
      .map((q) => q.trim())
      .filter((q) => q.length >= 2),
    tags: f.tags
      .split(/[,,]/)
      .map((x) => x.trim())
      .filter(Boolean),
    intent: f.intent,
    audience: f.audience,
    source: f.source.trim() || null,
  };
}

/**
 * One article version in the editor. Drafts are editable (and kept in local storage while typed); a
 * version in review shows approve / send back; a published one can be revised as the next version.
 */
export function ArticleForm({
  session,
  articleId,
  versionId,
  onSaved,
}: {
  session: Session;
  articleId: string | null;
  versionId: string | null;
  onSaved(articleId: string, versionId: string): void;
}) {
  const { t, locale } = useI18n();
  const version = useLoad(versionId ? (s) => getVersion(versionId, s) : null, [versionId]);
  const [fields, setFields, clearFields] = useDraft<Fields>(`kb.${versionId ?? 'new'}`, EMPTY);
  const [comment, setComment] = useState('');
  const a = version.data;
  const can = versionActions(session, a);
  // Only what the server would accept is offered: a draft is editable by its author alone.
  const editable = can.save;

  // A saved draft on the server wins over an empty local one; a local draft being typed wins otherwise.
  useEffect(() => {
    if (a && (fields.title === '' || a.status !== 'draft')) setFields(fieldsOf(a));
  }, [a, fields.title, setFields]);

  const set = <K extends keyof Fields>(k: K, v: Fields[K]) => setFields((f) => ({ ...f, [k]: v }));
  const after = (r: Article | undefined) => {
    if (r) {
      clearFields();
      onSaved(r.id, r.versionId);
      version.reload();
    }
  };
  const save = useAction(
    (key) =>
      versionId
        ? updateDraft(key, versionId, contentOf(fields))
        : createArticle(key, { ...contentOf(fields), kind: fields.kind }),
    { success: t('已保存草稿', 'Draft saved') },
  );
  const submit = useAction((key, id: string) => submitVersion(key, id), {
    success: t('已提交审核', 'Sent for review'),
  });
  const approve = useAction((key, id: string) => approveVersion(key, id, comment.trim() || undefined), {
    success: t('已审核通过并发布', 'Approved and published'),
  });
  const reject = useAction((key, id: string) => rejectVersion(key, id, comment.trim()), {
    success: t('已退回', 'Sent back'),
  });
  const revise = useAction((key, id: string) => newVersion(key, id), {
    success: t('已创建新版本草稿', 'New draft version'),
  });

  if (versionId && version.loading && !a) return <Spin />;
  const st = a ? statusText(a.status) : null;
  const valid = fields.title.trim().length > 0 && fields.body.trim().length > 0;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="kb-article">
      <ErrorNote error={version.error} retry={version.reload} />
      <Space wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {a ? a.title : t('新建文章', 'New article')}
        </Typography.Title>
        {a && st && (
          <Tag color={st[2]} data-testid="kb-status" data-status={a.status}>
            v{a.version} · {t(st[0], st[1])}
          </Tag>
        )}
        {a && (
          <span className="cd-muted">
            {t('作者', 'Author')} {a.author}
            {a.reviewer ? ` · ${t('审核', 'Reviewer')} ${a.reviewer}` : ''}
          </span>
        )}
      </Space>
      {a?.reviewComment && (
        <Alert type="warning" showIcon message={`${t('审核意见', 'Review comment')}:${a.reviewComment}`} />
      )}
      {a && a.unresolved.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={`${t('无法填充的参数', 'Unresolved parameters')}:${a.unresolved.join('、')}`}
        />
      )}
      {/* Side by side only where both fit; otherwise the preview goes below (no sideways scroll at 1280–1440 px). */}
      <Row gutter={[{ xxl: 16 }, 16]} style={{ marginInline: 0 }}>
        <Col xs={24} xxl={13}>
          <Card size="small" title={t('内容', 'Content')}>
            <Form layout="vertical" disabled={!editable}>
              <Space wrap>
                <Form.Item label={t('类型', 'Kind')}>
                  <Select
                    style={{ width: 140, maxWidth: '100%' }}
                    value={fields.kind}
                    onChange={(v) => set('kind', v)}
                    disabled={!editable || versionId !== null}
                    options={Object.entries(KIND_TEXT).map(([v, l]) => ({ value: v, label: t(...l) }))}
                  />
                </Form.Item>
                <Form.Item label={t('受众', 'Audience')}>
                  <Select
                    style={{ width: 140, maxWidth: '100%' }}
                    value={fields.audience}
                    onChange={(v) => set('audience', v)}
                    options={[
                      { value: 'internal', label: t('仅内部', 'Internal') },
                      { value: 'public', label: t('客户可见', 'Public') },
                    ]}
                  />
                </Form.Item>
                <Form.Item label={t('对应意图', 'Intent')}>
                  <Select
                    style={{ width: 200, maxWidth: '100%' }}
                    allowClear
                    showSearch
                    optionFilterProp="label"
                    value={fields.intent}
                    onChange={(v) => set('intent', v ?? null)}
                    options={INTENT_OPTIONS(locale)}
                  />
                </Form.Item>
              </Space>
              <Form.Item label={t('标题', 'Title')} required>
                <Input
                  value={fields.title}
                  onChange={(e) => set('title', e.target.value)}
                  maxLength={200}
                  data-testid="kb-title"
                />
              </Form.Item>
              <Form.Item
                label={t(
                  '正文(Markdown;可用 {{参数}} 引用产品参数)',
                  'Body (Markdown; {{parameters}} come from the product catalogue)',
                )}
                required
              >
                <Input.TextArea
                  rows={12}
                  value={fields.body}
                  onChange={(e) => set('body', e.target.value)}
                  data-testid="kb-body"
                />
              </Form.Item>
              <Form.Item label={t('相似问法(每行一条)', 'Questions it answers (one per line)')}>
                <Input.TextArea
                  rows={3}
                  value={fields.questions}
                  onChange={(e) => set('questions', e.target.value)}
                  data-testid="kb-questions"
                />
              </Form.Item>
              <Space wrap style={{ width: '100%' }}>
                <Form.Item label={t('标签(逗号分隔)', 'Tags (comma separated)')}>
                  <Input
                    value={fields.tags}
                    onChange={(e) => set('tags', e.target.value)}
                    style={{ width: 240, maxWidth: '100%' }}
                  />
                </Form.Item>
                <Form.Item label={t('来源/依据', 'Source')}>
                  <Input
                    value={fields.source}
                    onChange={(e) => set('source', e.target.value)}
                    style={{ width: 300, maxWidth: '100%' }}
                    placeholder={t('如:《商业银行信用卡业务监督管理办法》第59条', 'e.g. the regulation and article')}
                  />
                </Form.Item>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xxl={11}>
          <Card size="small" title={t('预览', 'Preview')} styles={{ body: { minHeight: 200 } }}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {fields.title || '—'}
            </Typography.Title>
            <Markdown text={a && !editable ? a.rendered : fields.body} />
            {fields.source && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                {t('来源', 'Source')}:{fields.source}
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small">
        <Space wrap>
          {editable && (
            <Button
              onClick={async () => after(await save.run())}
              loading={save.busy}
              disabled={!valid}
              data-testid="kb-save"
            >
              {t('保存草稿', 'Save draft')}
            </Button>
          )}
          {a && can.submit && (
            <Button
              type="primary"
              onClick={async () => after(await submit.run(a.versionId))}
              loading={submit.busy}
              data-testid="kb-submit"
            >
              {t('提交审核', 'Send for review')}
            </Button>
          )}
          {a && can.review && (
            <>
              <Input
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                placeholder={t('审核意见(退回时必填)', 'Comment (required to send back)')}
                style={{ width: 280, maxWidth: '100%' }}
                data-testid="kb-comment"
              />
              <Button
                type="primary"
                onClick={async () => after(await approve.run(a.versionId))}
                loading={approve.busy}
                data-testid="kb-approve"
              >
                {t('审核通过并发布', 'Approve and publish')}
              </Button>
              <Button
                danger
                disabled={comment.trim().length < 2}
                onClick={async () => after(await reject.run(a.versionId))}
                loading={reject.busy}
              >
                {t('退回修改', 'Send back')}
              </Button>
            </>
          )}
          {a && can.revise && articleId && (
            <Button onClick={async () => after(await revise.run(articleId))} loading={revise.busy}>
              {t('修订(新版本)', 'Revise (new version)')}
            </Button>
          )}
        </Space>
      </Card>
    </div>
  );
}
