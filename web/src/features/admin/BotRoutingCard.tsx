import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useAction, useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { type BotRouting, getBotRouting, putBotRouting } from './catalog.api.ts';

type Channel = keyof BotRouting;
type Mode = BotRouting['chat']['default'];
const CHANNELS: Array<[Channel, string, string]> = [
  ['chat', '在线会话', 'Chat'],
  ['phone', '电话', 'Phone'],
];

/**
 * Who answers first (the chat assistant's `bot.routing`): per channel a default — the assistant or a person —
 * and time windows in Beijing time that override it (`22:00`–`08:00` runs over midnight; the first window
 * that contains the moment decides). The server validates the whole document and audits every change.
 */
export function BotRoutingCard() {
  const { t } = useI18n();
  const current = useLoad((s) => getBotRouting(s), []);
  const [routing, setRouting] = useState<BotRouting | null>(null);
  useEffect(() => {
    if (current.data) setRouting(current.data);
  }, [current.data]);
  const save = useAction((key, r: BotRouting) => putBotRouting(key, r), { success: t('已保存', 'Saved') });
  const modeOptions = [
    { value: 'bot', label: t('智能助手先接待', 'Assistant first') },
    { value: 'person', label: t('人工接待', 'A person') },
  ];
  const change = (channel: Channel, next: BotRouting[Channel]) =>
    setRouting((r) => (r ? { ...r, [channel]: next } : r));
  return (
    <Card size="small" title={t('智能助手接待规则', 'Who answers first')} data-testid="bot-routing">
      <ErrorNote error={current.error} retry={current.reload} />
      {routing &&
        CHANNELS.map(([channel, zh, en]) => {
          const c = routing[channel];
          return (
            <div key={channel} style={{ marginBottom: 12 }} data-testid={`bot-routing-${channel}`}>
              <Space wrap>
                <Typography.Text strong>{t(zh, en)}</Typography.Text>
                <span className="cd-muted">{t('默认', 'By default')}:</span>
                <Radio.Group
                  optionType="button"
                  size="small"
                  value={c.default}
                  options={modeOptions}
                  onChange={(e) => change(channel, { ...c, default: e.target.value as Mode })}
                  aria-label={t(`${zh}默认接待`, `${en}: by default`)}
                />
              </Space>
              {c.windows.map((w, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: windows have no identity but their place
                <Space key={i} style={{ display: 'flex', marginTop: 6 }} data-testid={`bot-routing-${channel}-window`}>
                  <span className="cd-muted">{t('北京时间', 'Beijing time')}</span>
                  {(['from', 'to'] as const).map((end) => (
                    <input
                      key={end}
                      type="time"
                      value={w[end]}
                      aria-label={end === 'from' ? t('开始', 'From') : t('结束', 'To')}
                      onChange={(e) => {
                        const windows = c.windows.map((x, j) => (j === i ? { ...x, [end]: e.target.value } : x));
                        change(channel, { ...c, windows });
                      }}
                      style={{
                        font: 'inherit',
                        height: 28,
                        padding: '0 6px',
                        border: '1px solid #d0d5dd',
                        borderRadius: 4,
                      }}
                    />
                  ))}
                  <Select
                    size="small"
                    value={w.mode}
                    options={modeOptions}
                    style={{ width: 140 }}
                    onChange={(mode: Mode) => {
                      const windows = c.windows.map((x, j) => (j === i ? { ...x, mode } : x));
                      change(channel, { ...c, windows });
                    }}
                    aria-label={t('该时段接待', 'In this window')}
                  />
                  <Button
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={t('删除时段', 'Remove the window')}
                    onClick={() => change(channel, { ...c, windows: c.windows.filter((_, j) => j !== i) })}
                  />
                </Space>
              ))}
              <Button
                size="small"
                type="dashed"
                icon={<PlusOutlined />}
                style={{ marginTop: 6 }}
                data-testid={`bot-routing-${channel}-add`}
                onClick={() =>
                  change(channel, {
                    ...c,
                    windows: [
                      ...c.windows,
                      { from: '22:00', to: '08:00', mode: c.default === 'bot' ? 'person' : 'bot' },
                    ],
                  })
                }
              >
                {t('添加时段', 'Add a time window')}
              </Button>
            </div>
          );
        })}
      <Space>
        <Button
          type="primary"
          disabled={!routing}
          loading={save.busy}
          data-testid="bot-routing-save"
          onClick={async () => {
            if (routing && (await save.run(routing))) current.reload();
          }}
        >
          {t('保存', 'Save')}
        </Button>
        <Button onClick={() => current.data && setRouting(current.data)}>{t('还原', 'Revert')}</Button>
      </Space>
    </Card>
  );
}
