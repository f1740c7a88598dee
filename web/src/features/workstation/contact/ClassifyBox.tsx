import { BulbOutlined } from '@ant-design/icons';
import type { Intent } from '@carddesk/contracts';
import { isIntent } from '@carddesk/contracts/vocabulary';
import { Button, Card, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { type Contact, classify } from '../../../api/contacts.ts';
import {
  type KbMatch,
  matchKb,
  recordSuggestion,
  recordSuggestionOutcome,
  type SuggestionOutcome,
} from '../../../api/knowledge.ts';
import { analyze, type NluAnalysis } from '../../../api/nlu.ts';
import { useAction } from '../../../app/hooks.ts';
import { useI18n } from '../../../app/i18n.tsx';
import { INTENT_OPTIONS, intentLabel, typeColor, typeLabel } from '../../shared/taxonomy.ts';
import { InsertReplyButton, plainText } from './replyTarget.tsx';

/**
 * Classification of the contact (guide §2.4): the agent picks the intents; the server derives the type
 * (an emergency wins, a complaint makes the contact a complaint). The assist box asks the NLU what the
 * customer's words are about and offers the knowledge search for it.
 */
export function ClassifyBox({
  contact,
  onChanged,
  openKnowledge,
}: {
  contact: Contact;
  onChanged(c: Contact): void;
  openKnowledge(q?: string): void;
}) {
  const { t, locale } = useI18n();
  const [intents, setIntents] = useState<Intent[]>(contact.intents);
  const [utterance, setUtterance] = useState('');
  const [assisted, setAssisted] = useState<{ nlu: NluAnalysis; answer: KbMatch; question: string } | null>(null);
  // The suggestion shown to the agent (recorded on the server) and whether the agent has acted on it yet.
  const [suggestion, setSuggestion] = useState<{ id: string; decided: boolean } | null>(null);
  const nlu = assisted?.nlu ?? null;
  // The NLU's intent, when it is one the agent may adopt.
  const detected = nlu && nlu.intent !== 'out_of_scope' && isIntent(nlu.intent) ? nlu.intent : null;
  useEffect(() => setIntents(contact.intents), [contact.intents]);
  const save = useAction((key, list: Intent[]) => classify(key, contact.id, list));
  // The customer's words go to the NLU and to the FAQ matcher at once: what they are about, and the approved
  // answer (with its source) when the knowledge base has one it is sure enough of.
  const assist = useAction(
    async (_key, text: string) => {
      const [analysis, answer] = await Promise.all([analyze(text), matchKb(text)]);
      return { nlu: analysis, answer, question: text };
    },
    { silent: true },
  );
  const detect = async () => {
    // The previous reading goes at once: an answer to the last question must not stand beside the new one.
    setAssisted(null);
    setSuggestion(null);
    const result = (await assist.run(utterance.trim())) ?? null;
    setAssisted(result);
    const top = result?.answer.matches[0];
    if (result && top && !result.answer.none && !result.answer.clarify) {
      // Learning from the desk: best effort, never in the agent's way.
      const shown = await recordSuggestion(result.question, top.id).catch(() => null);
      if (shown) setSuggestion({ id: shown.id, decided: false });
    }
  };
  const decide = (outcome: SuggestionOutcome, faqId?: string) => {
    if (!suggestion || suggestion.decided) return;
    setSuggestion({ ...suggestion, decided: true });
    void recordSuggestionOutcome(suggestion.id, outcome, faqId).catch(() => undefined);
  };
  const dirty = intents.join() !== contact.intents.join();
  return (
    <Card
      size="small"
      title={t('联络分类', 'Classification')}
      extra={contact.type ? <Tag color={typeColor(contact.type)}>{typeLabel(contact.type, locale)}</Tag> : null}
    >
      <Space.Compact style={{ width: '100%' }}>
        <Select
          mode="multiple"
          value={intents}
          onChange={setIntents}
          options={INTENT_OPTIONS(locale)}
          placeholder={t('选择客户意图(可多选)', 'Pick the intents')}
          style={{ flex: 1 }}
          optionFilterProp="label"
          aria-label={t('客户意图', 'Intents')}
          data-testid="intent-select"
        />
        <Button
          type="primary"
          disabled={!dirty || intents.length === 0}
          loading={save.busy}
          onClick={async () => {
            const c = await save.run(intents);
            if (c) onChanged(c);
          }}
        >
          {t('保存分类', 'Save')}
        </Button>
      </Space.Compact>
      <Space.Compact style={{ width: '100%', marginTop: 8 }}>
        <input
          value={utterance}
          onChange={(e) => setUtterance(e.target.value)}
          placeholder={t('输入客户原话,智能识别意图与情绪', "Type the customer's words: detect intent and emotion")}
          aria-label={t('客户原话', "Customer's words")}
          style={{
            flex: 1,
            font: 'inherit',
            padding: '3px 8px',
            border: '1px solid #d0d5dd',
            borderRadius: '4px 0 0 4px',
            minWidth: 0,
          }}
          onKeyDown={async (e) => {
            if (e.key === 'Enter' && utterance.trim()) await detect();
          }}
        />
        <Button icon={<BulbOutlined />} loading={assist.busy} disabled={!utterance.trim()} onClick={detect}>
          {t('识别', 'Detect')}
        </Button>
      </Space.Compact>
      {assist.error && <Typography.Text type="secondary">{assist.error.message}</Typography.Text>}
      {nlu && (
        <div style={{ marginTop: 8, display: 'flex', gap: 6, flexWrap: 'wrap', alignItems: 'center' }} role="status">
          <span className="cd-muted">{t('识别结果', 'Detected')}:</span>
          <Tag color={typeColor(nlu.type)}>{typeLabel(nlu.type, locale)}</Tag>
          <Tag>{intentLabel(nlu.intent, locale)}</Tag>
          {nlu.emotion.level !== 'calm' && (
            <Tag
              color={nlu.emotion.level === 'high' ? 'red' : 'volcano'}
              title={nlu.emotion.cues.join('、')}
              data-testid="assist-emotion"
            >
              {emotionLabel(nlu.emotion, t)}
            </Tag>
          )}
          {detected && !intents.includes(detected) && (
            <Button size="small" onClick={() => setIntents((l) => [...l, detected])}>
              {t('采用', 'Use')}
            </Button>
          )}
          <Button
            size="small"
            type="link"
            onClick={() => {
              decide('searched');
              openKnowledge(utterance);
            }}
          >
            {t('查知识库', 'Search knowledge')}
          </Button>
        </div>
      )}
      {assisted && (
        <SuggestedAnswer
          match={assisted.answer}
          decided={suggestion?.decided ?? true}
          onUse={(faqId) =>
            // The suggestion itself is "used"; another of the answers is "chose_other", naming it.
            faqId === assisted.answer.matches[0]?.id ? decide('used') : decide('chose_other', faqId)
          }
        />
      )}
      {nlu?.emotion.escalate && (
        <Typography.Text type="danger" style={{ display: 'block', marginTop: 4 }}>
          {t(
            '客户情绪激动:先致歉安抚、复述诉求,必要时请主管介入',
            'The customer is upset: apologise, restate the concern, bring in a supervisor if needed',
          )}
        </Typography.Text>
      )}
    </Card>
  );
}

/** Which feeling shows most (anger or anxiety) and how strongly. */
function emotionLabel(e: NluAnalysis['emotion'], t: (zh: string, en: string) => string): string {
  const what = e.anger >= e.anxiety ? t('不满', 'upset') : t('焦虑', 'anxious');
  return e.level === 'high' ? t(`情绪激动(${what})`, `very ${what}`) : t(`情绪:${what}`, `${what}`);
}

/** The FAQ answer the matcher is sure enough of, with its source; or the two it cannot tell apart; or none. */
function SuggestedAnswer({
  match,
  decided,
  onUse,
}: {
  match: KbMatch;
  /** The agent has already acted on this suggestion (or it was not recorded): no buttons. */
  decided: boolean;
  onUse(faqId: string): void;
}) {
  const { t } = useI18n();
  const [top, ...others] = match.matches;
  if (match.clarify) {
    const [a, b] = match.clarify.ids.map((id) => match.matches.find((m) => m.id === id)?.title ?? id);
    return (
      <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }} data-testid="assist-clarify">
        {t('客户可能在问', 'The customer may mean')}:「{a}」{t('或', 'or')}「{b}」 — {t('请先确认', 'ask which')}
      </Typography.Paragraph>
    );
  }
  if (match.none || !top) {
    return (
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="assist-answer-none">
        {t('知识库中没有把握足够的答案,请用“查知识库”检索', 'No answer the knowledge base is sure of: search it')}
      </Typography.Paragraph>
    );
  }
  return (
    <Card size="small" style={{ marginTop: 8 }} data-testid="assist-answer">
      <Typography.Text strong>{top.title}</Typography.Text> <Tag>{Math.round(top.confidence * 100)}%</Tag>
      <Typography.Paragraph
        ellipsis={{ rows: 3, expandable: true, symbol: t('展开', 'more') }}
        style={{ margin: '4px 0' }}
      >
        {top.answer}
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        {t('来源', 'Source')}: {top.source ?? t('知识库', 'knowledge base')} · v{top.version}
      </Typography.Text>{' '}
      <InsertReplyButton text={plainText(top.answer)} testId="assist-insert-reply" />
      {!decided && (
        <div style={{ marginTop: 4, display: 'flex', gap: 6, flexWrap: 'wrap' }}>
          <Button size="small" onClick={() => onUse(top.id)} data-testid="assist-answer-use">
            {t('采用此答案', 'Use this answer')}
          </Button>
          {others.map((m) => (
            <Button key={m.id} size="small" type="dashed" onClick={() => onUse(m.id)}>
              {t('改用', 'Use instead')}:{m.title}
            </Button>
          ))}
        </div>
      )}
    </Card>
  );
}
