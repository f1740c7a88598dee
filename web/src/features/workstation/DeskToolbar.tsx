import { BookOutlined, MailOutlined, MessageOutlined, PhoneOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Tooltip } from 'antd';
import type { ContactListItem } from '../../api/contacts.ts';
import { useNow } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { may } from '../../app/permissions.ts';
import type { Session } from '../../app/session.ts';
import { MyQaResultsButton } from '../quality/MyQaResults.tsx';
import { duration } from '../shared/format.ts';
import { typeLabel } from '../shared/taxonomy.ts';
import { AgentStateSwitch } from './AgentStateSwitch.tsx';
import type { AgentStateHandle } from './useAgentState.ts';

/** The desk's command row: simulate a call, switch between one's open contacts, knowledge, help. */
export function DeskToolbar({
  session,
  contacts,
  activeId,
  onSelect,
  onSimulateCall,
  onKnowledge,
  onHelp,
  onDemoOutbox,
  presence,
}: {
  session: Session;
  contacts: ContactListItem[];
  activeId: string | null;
  onSelect(id: string): void;
  onSimulateCall(): void;
  onKnowledge(): void;
  onHelp(): void;
  onDemoOutbox(): void;
  presence: AgentStateHandle;
}) {
  const { t, locale } = useI18n();
  const now = useNow(1000);
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, height: 44, padding: '0 12px' }}>
      <Button type="primary" icon={<PhoneOutlined />} onClick={onSimulateCall} data-testid="simulate-call">
        {t('模拟来电', 'Simulate call')} <kbd className="cd-kbd">Alt+N</kbd>
      </Button>
      <div
        role="tablist"
        aria-label={t('我的联络', 'My contacts')}
        style={{ flex: 1, display: 'flex', gap: 6, overflowX: 'auto', minWidth: 0 }}
      >
        {contacts.map((c) => {
          const active = c.id === activeId;
          return (
            <button
              key={c.id}
              type="button"
              role="tab"
              aria-selected={active}
              onClick={() => onSelect(c.id)}
              style={{
                display: 'inline-flex',
                alignItems: 'center',
                gap: 6,
                height: 30,
                padding: '0 10px',
                border: `1px solid ${active ? '#1f5fbf' : '#d0d5dd'}`,
                background: active ? '#eaf1fb' : '#fff',
                borderRadius: 4,
                cursor: 'pointer',
                whiteSpace: 'nowrap',
                font: 'inherit',
              }}
            >
              {c.channel === 'phone' ? <PhoneOutlined /> : <MessageOutlined />}
              <span className="cd-mono">{duration((now - Date.parse(c.startedAt)) / 1000)}</span>
              {c.type && <Tag style={{ marginInlineEnd: 0 }}>{typeLabel(c.type, locale)}</Tag>}
            </button>
          );
        })}
      </div>
      <Space>
        <AgentStateSwitch state={presence.state} busy={presence.busy} onChange={presence.set} />
        {may(session, 'qa.appeal') && <MyQaResultsButton />}
        {may(session, 'demo.otp_outbox') && (
          <Button icon={<MailOutlined />} onClick={onDemoOutbox}>
            {t('演示短信', 'Demo SMS')}
          </Button>
        )}
        <Tooltip title="Ctrl+K">
          <Button icon={<BookOutlined />} onClick={onKnowledge}>
            {t('知识库', 'Knowledge')}
          </Button>
        </Tooltip>
        <Tooltip title="F1">
          <Button icon={<QuestionCircleOutlined />} onClick={onHelp} aria-label={t('快捷键', 'Shortcuts')} />
        </Tooltip>
      </Space>
    </div>
  );
}
