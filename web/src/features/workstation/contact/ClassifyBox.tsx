import { BulbOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { type Contact, classify } from '../../../api/contacts.ts';
import { analyze, type NluAnalysis } from '../../../api/nlu.ts';
import { useAction } from '../../../app/hooks.ts';
import { useI18n } from '../../../app/i18n.tsx';
import { INTENT_OPTIONS, intentLabel, typeColor, typeLabel } from '../../shared/taxonomy.ts';

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
  const [intents, setIntents] = useState<string[]>(contact.intents);
  const [utterance, setUtterance] = useState('');
  const [nlu, setNlu] = useState<NluAnalysis | null>(null);
  useEffect(() => setIntents(contact.intents), [contact.intents]);
  const save = useAction((key, list: string[]) => classify(key, contact.id, list));
  const assist = useAction((_key, text: string) => analyze(text), { silent: true });
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
            if (e.key === 'Enter' && utterance.trim()) setNlu((await assist.run(utterance.trim())) ?? null);
          }}
        />
        <Button
          icon={<BulbOutlined />}
          loading={assist.busy}
          disabled={!utterance.trim()}
          onClick={async () => setNlu((await assist.run(utterance.trim())) ?? null)}
        >
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
          {nlu.intent !== 'out_of_scope' && !intents.includes(nlu.intent) && (
            <Button size="small" onClick={() => setIntents((l) => [...l, nlu.intent])}>
              {t('采用', 'Use')}
            </Button>
          )}
          <Button size="small" type="link" onClick={() => openKnowledge(utterance)}>
            {t('查知识库', 'Search knowledge')}
          </Button>
        </div>
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
