import { Select, Space, Tag } from 'antd';
import type { AgentPresence, AgentState } from '../../api/contacts.ts';
import { useNow } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { duration } from '../shared/format.ts';
import { PRESENCE_TEXT } from './presence.ts';

/** Reason codes offered with 示忙 / 小休 (kept in the audit record of the change). */
const REASONS: Array<{ state: AgentPresence; reason: string; zh: string; en: string }> = [
  { state: 'not_ready', reason: 'meeting', zh: '示忙·会议', en: 'Not ready · meeting' },
  { state: 'not_ready', reason: 'training', zh: '示忙·培训', en: 'Not ready · training' },
  { state: 'not_ready', reason: 'callback', zh: '示忙·外呼回访', en: 'Not ready · call-back' },
  { state: 'break', reason: 'rest', zh: '小休·休息', en: 'Break · rest' },
  { state: 'break', reason: 'meal', zh: '小休·用餐', en: 'Break · meal' },
];

/**
 * The agent's state in the desk's command row, with how long it has lasted (wrap-up: how long is left).
 * Choosing one sends `PUT /api/me/state`; wrap-up starts by itself when a contact closes.
 */
export function AgentStateSwitch({
  state,
  busy,
  onChange,
}: {
  state: AgentState | undefined;
  busy: boolean;
  onChange(next: { state: AgentPresence; reason?: string }): void;
}) {
  const { t } = useI18n();
  const now = useNow(1000);
  const current = state?.state ?? 'ready';
  const value = state?.reason ? `${current}:${state.reason}` : current;
  const [zh, en, color] = PRESENCE_TEXT[current];
  const timer = state?.until
    ? `${t('剩余', 'left')} ${duration((Date.parse(state.until) - now) / 1000)}`
    : state?.since
      ? duration((now - Date.parse(state.since)) / 1000)
      : '';
  return (
    <Space size={4} data-testid="agent-state" data-state={current}>
      <Tag color={color} style={{ marginInlineEnd: 0 }}>
        {t(zh, en)} <span className="cd-mono">{timer}</span>
      </Tag>
      <Select
        size="small"
        style={{ width: 150 }}
        value={value}
        loading={busy}
        aria-label={t('坐席状态', 'Agent state')}
        data-testid="agent-state-select"
        onChange={(v: string) => {
          const [s, reason] = v.split(':') as [AgentPresence, string | undefined];
          onChange(reason ? { state: s, reason } : { state: s });
        }}
        options={[
          { value: 'ready', label: t('示闲', 'Ready') },
          { value: 'not_ready', label: t('示忙', 'Not ready') },
          { value: 'break', label: t('小休', 'Break') },
          ...REASONS.map((r) => ({ value: `${r.state}:${r.reason}`, label: t(r.zh, r.en) })),
          { value: 'wrap_up', label: t('话后整理', 'Wrap-up') },
        ]}
      />
    </Space>
  );
}
