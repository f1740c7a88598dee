import { MessageOutlined, PhoneOutlined } from '@ant-design/icons';
import { Button, Empty, List, Tag, Typography } from 'antd';
import { acceptContact, type Contact, listWaiting, takeNextContact, type WaitingContact } from '../../api/contacts.ts';
import { useAction, useLoad, useNow } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useLive } from '../../app/live.ts';
import type { Session } from '../../app/session.ts';
import { CaseList } from '../cases/CaseList.tsx';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { duration } from '../shared/format.ts';
import { intentLabel } from '../shared/taxonomy.ts';

/** What the agent should know before taking a contact: the customer's service flags and the contact's risk. */
const QUEUE_FLAG: Record<WaitingContact['flags'][number], [zh: string, en: string, color: string]> = {
  vip: ['VIP', 'VIP', 'gold'],
  care: ['特殊关怀', 'Special care', 'purple'],
  fraud: ['盗刷/挂失', 'Fraud / loss', 'red'],
  hostile: ['情绪激动', 'Upset', 'volcano'],
  complaint: ['投诉', 'Complaint', 'orange'],
};

/** The first message on one line; the rest in its title. */
const FIRST_MESSAGE = {
  color: '#475467',
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  maxWidth: 220,
} as const;

/**
 * Waiting contacts of the general queue in the order the server serves them (emergencies first, marked
 * 紧急), updated live; "接入下一位" takes the head of the queue, "接入" a particular one.
 */
export function QueuePanel({
  onAccepted,
  ready,
}: {
  session: Session;
  onAccepted(c: Contact): void;
  /** Only a ready agent (示闲) is offered the next contact. */
  ready: boolean;
}) {
  const { t, locale } = useI18n();
  const waiting = useLoad((s) => listWaiting('general', s), []);
  useLive(['queue:general'], () => waiting.reload());
  const now = useNow(1000);
  const accept = useAction((key, id: string) => acceptContact(key, id));
  const take = async (w: WaitingContact) => {
    const c = await accept.run(w.contactId);
    waiting.reload();
    if (c) onAccepted(c);
  };
  const next = useAction((key) => takeNextContact(key, 'general'));
  const takeNext = async () => {
    const c = await next.run();
    waiting.reload();
    if (c) onAccepted(c);
  };
  const items = waiting.data ?? [];
  const emergencies = items.filter((w) => w.priority === 'emergency').length;
  return (
    <>
      <div style={{ padding: 12 }}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('排队中', 'Waiting')} <span className="cd-muted">({items.length})</span>
          {emergencies > 0 && (
            <Tag color="red" style={{ marginLeft: 8 }} data-testid="queue-emergency-count">
              {t(`紧急 ${emergencies}`, `${emergencies} urgent`)}
            </Tag>
          )}
        </Typography.Title>
        <Button
          block
          type="primary"
          danger={emergencies > 0}
          disabled={items.length === 0 || !ready}
          title={ready ? undefined : t('示闲后才能接入下一位', 'Set yourself ready to take the next customer')}
          loading={next.busy}
          onClick={takeNext}
          style={{ marginBottom: 8 }}
          data-testid="queue-take-next"
        >
          {t('接入下一位', 'Next customer')}
        </Button>
        <ErrorNote error={waiting.error} retry={waiting.reload} />
        {items.length === 0 && !waiting.loading && !waiting.error ? (
          <div data-testid="queue-empty">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无排队', 'Nobody waiting')} />
          </div>
        ) : (
          <List
            size="small"
            dataSource={items}
            data-testid="queue-list"
            rowKey="contactId"
            renderItem={(w) => (
              <List.Item
                style={{ padding: '8px 0' }}
                data-testid={w.priority === 'emergency' ? 'queue-item-emergency' : 'queue-item'}
                actions={[
                  <Button
                    key="take"
                    size="small"
                    type="primary"
                    onClick={() => take(w)}
                    loading={accept.busy}
                    data-testid="queue-accept"
                  >
                    {t('接入', 'Take')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  avatar={w.channel === 'phone' ? <PhoneOutlined /> : <MessageOutlined />}
                  title={
                    <>
                      {w.priority === 'emergency' && (
                        <Tag color="red" data-testid="queue-emergency-tag">
                          {t('紧急', 'Urgent')}
                        </Tag>
                      )}
                      <span className="cd-mono">
                        {w.queuedAt ? duration((now - Date.parse(w.queuedAt)) / 1000) : duration(w.waitSeconds)}
                      </span>
                    </>
                  }
                  description={
                    <>
                      {w.intents.length > 0
                        ? w.intents.map((i) => intentLabel(i, locale)).join('、')
                        : t('在线会话', 'Chat')}
                      {w.firstMessage && (
                        <div style={FIRST_MESSAGE} data-testid="queue-first-message" title={w.firstMessage}>
                          “{w.firstMessage}”
                        </div>
                      )}
                      <div>
                        {w.flags.map((f) => (
                          <Tag
                            key={f}
                            color={QUEUE_FLAG[f][2]}
                            style={{ fontSize: 11 }}
                            data-testid={`queue-flag-${f}`}
                          >
                            {t(QUEUE_FLAG[f][0], QUEUE_FLAG[f][1])}
                          </Tag>
                        ))}
                        {w.identified ? (
                          <Tag color={w.verificationLevel === 'none' ? 'default' : 'green'} style={{ fontSize: 11 }}>
                            {w.verificationLevel === 'none'
                              ? t('已识别', 'Identified')
                              : t('已验证手机', 'Phone verified')}
                          </Tag>
                        ) : (
                          <Tag style={{ fontSize: 11 }}>{t('未识别', 'Unidentified')}</Tag>
                        )}
                      </div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </div>
      <CaseList title={t('我的工单', 'My cases')} query={{ mine: 'true' }} />
    </>
  );
}
