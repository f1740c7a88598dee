import { MessageOutlined, PhoneOutlined } from '@ant-design/icons';
import { Button, Card, Space, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type Contact, contactsSettings, moveStage, STAGES, type Stage } from '../../../api/contacts.ts';
import { useAction, useDraft, useHotkeys, useLoad, useNow } from '../../../app/hooks.ts';
import { useI18n } from '../../../app/i18n.tsx';
import { may } from '../../../app/permissions.ts';
import type { Session } from '../../../app/session.ts';
import { duration } from '../../shared/format.ts';
import { intentLabel, typeColor, typeLabel } from '../../shared/taxonomy.ts';
import { BotSummaryCard } from './BotSummaryCard.tsx';
import { ChatFirstLayout } from './ChatFirstLayout.tsx';
import { ClassifyBox } from './ClassifyBox.tsx';
import { CloseContactDialog } from './CloseContactDialog.tsx';
import { stageScript } from './scripts.ts';
import { LEVEL_COLOR, LEVEL_TEXT, STAGE_TEXT } from './stages.ts';
import { Transcript } from './Transcript.tsx';
import { VerificationPanel } from './VerificationPanel.tsx';

/**
 * The contact in hand, guided by the standard flow: stage stepper (Alt+1…6), the script and checklist of
 * the current stage (`scripts.ts`: the greeting carries the agent's ID, the others follow the contact's type), verification, classification, the live
 * transcript for chats, notes that survive a reload, and closing.
 */
export function ContactPanel({
  session,
  contact,
  onChanged,
  onClosed,
  openKnowledge,
}: {
  session: Session;
  contact: Contact;
  onChanged(c: Contact): void;
  onClosed(): void;
  openKnowledge(q?: string): void;
}) {
  const { t, locale } = useI18n();
  const now = useNow(1000);
  const [closing, setClosing] = useState(false);
  // The bank's verification table: the verification script names what the need at hand requires.
  const settings = useLoad((s) => contactsSettings(s), []);
  const [notes, setNotes] = useDraft(`contact.${contact.id}.notes`, '');
  const move = useAction((key, stage: Stage) => moveStage(key, contact.id, stage));
  const go = async (stage: Stage) => {
    if (stage === contact.stage) return;
    if (stage === 'closing') {
      setClosing(true);
      return;
    }
    const c = await move.run(stage);
    if (c) onChanged(c);
  };
  useHotkeys(STAGES.map((s, i) => [`Alt+${i + 1}`, () => void go(s)] as const));

  const stageIndex = STAGES.indexOf(contact.stage);
  const seen = new Set(contact.stages.map((s) => s.stage));
  const text = STAGE_TEXT[contact.stage];
  const script = stageScript({
    stage: contact.stage,
    channel: contact.channel,
    type: contact.type,
    intents: contact.intents,
    agentNo: contact.agent?.agentNo ?? null,
    configured: contact.scripts,
    accessLevels: settings.data?.accessLevels,
    locale,
  });

  const header = (
    <Card size="small" styles={{ body: { padding: '8px 12px' } }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 10, flexWrap: 'wrap' }}>
        {contact.channel === 'phone' ? <PhoneOutlined /> : <MessageOutlined />}
        <Typography.Text strong>
          {contact.channel === 'phone' ? t('电话', 'Call') : t('在线会话', 'Chat')}
          {contact.callerNumberMasked ? ` · ${contact.callerNumberMasked}` : ''}
        </Typography.Text>
        <span className="cd-mono" role="timer" aria-label={t('通话时长', 'Duration')} style={{ minWidth: 56 }}>
          {duration((now - Date.parse(contact.acceptedAt ?? contact.startedAt)) / 1000)}
        </span>
        <Tag color={LEVEL_COLOR[contact.verification.level] ?? 'default'} data-testid="verification-level">
          {t(...(LEVEL_TEXT[contact.verification.level] ?? ['', '']))}
        </Tag>
        {contact.type && <Tag color={typeColor(contact.type)}>{typeLabel(contact.type, locale)}</Tag>}
        {contact.intents.map((i) => (
          <Tag key={i}>{intentLabel(i, locale)}</Tag>
        ))}
        {contact.hostile && <Tag color="volcano">{t('情绪激动', 'Upset customer')}</Tag>}
        <span style={{ flex: 1 }} />
        <Button danger onClick={() => setClosing(true)} data-testid="close-contact">
          {t('结束联络', 'End contact')}
        </Button>
      </div>
    </Card>
  );
  const flow = (
    <Card size="small" title={t('服务流程', 'Service flow')} extra={<span className="cd-muted">Alt+1…6</span>}>
      {/* Inline steps (titles under small dots): beside full-size steps, six titles do not fit the chat
          layout's side column and were cut to one character. */}
      <Steps
        type="inline"
        current={stageIndex}
        onChange={(i) => {
          const s = STAGES[i];
          if (s) void go(s);
        }}
        items={STAGES.map((s, i) => ({
          title: t(...STAGE_TEXT[s].title),
          status: i === stageIndex ? 'process' : seen.has(s) ? 'finish' : 'wait',
          disabled: move.busy,
        }))}
        data-testid="stage-steps"
      />
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12, marginTop: 12, minHeight: 96 }}>
        <div>
          <Typography.Text type="secondary">{t('话术', 'Script')}</Typography.Text>
          <div
            className="cd-pre"
            data-testid="stage-script"
            style={{
              background: '#f6f8fb',
              border: '1px solid #e5e7eb',
              borderRadius: 4,
              padding: 8,
              marginTop: 4,
              minHeight: 60,
            }}
          >
            {script}
          </div>
        </div>
        <div>
          <Typography.Text type="secondary">
            {t('本环节要点', 'Checklist')} · {t(...text.title)}
          </Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
            {text.checklist.map(([zh, en]) => (
              <li key={zh}>{t(zh, en)}</li>
            ))}
          </ul>
        </div>
      </div>
    </Card>
  );
  const notesCard = (
    <Card
      size="small"
      title={t('联络小记', 'Notes')}
      extra={<span className="cd-muted">{t('自动保存', 'Saved as you type')}</span>}
    >
      <textarea
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
        rows={4}
        aria-label={t('联络小记', 'Notes')}
        data-testid="contact-notes"
        placeholder={t(
          '记录客户诉求要点(勿记录卡片验证码或密码)',
          "Key points of the customer's need (never CVV2 or PIN)",
        )}
        style={{
          width: '100%',
          boxSizing: 'border-box',
          resize: 'vertical',
          font: 'inherit',
          padding: 8,
          border: '1px solid #d0d5dd',
          borderRadius: 4,
        }}
      />
    </Card>
  );
  const side = (
    <>
      <BotSummaryCard contact={contact} />
      {flow}
      <VerificationPanel contact={contact} onChanged={onChanged} demo={may(session, 'demo.otp_outbox')} />
      <ClassifyBox contact={contact} onChanged={onChanged} openKnowledge={openKnowledge} />
      {notesCard}
    </>
  );

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, height: '100%' }} data-testid="contact-panel">
      {header}
      {contact.channel === 'chat' ? (
        // Chat first: the transcript and reply box stay in view; the flow, verification, classification
        // and notes sit beside them, each collapsible, and scroll on their own.
        <ChatFirstLayout transcript={<Transcript contact={contact} session={session} fill />} side={side} />
      ) : (
        side
      )}
      <CloseContactDialog
        open={closing}
        contact={contact}
        notes={notes}
        onCancel={() => setClosing(false)}
        onClosed={() => {
          setClosing(false);
          onClosed();
        }}
      />
      <Space />
    </div>
  );
}
