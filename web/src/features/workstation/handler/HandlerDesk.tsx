import { Button, Descriptions, Empty, List, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import {
  acknowledgeHandover,
  type Contact,
  getContact,
  type Handover,
  myContacts,
  myHandovers,
} from '../../../api/contacts.ts';
import { useAction, useLoad } from '../../../app/hooks.ts';
import { useI18n } from '../../../app/i18n.tsx';
import { useLive } from '../../../app/live.ts';
import type { Session } from '../../../app/session.ts';
import { listDepartments } from '../../admin/admin.api.ts';
import { CaseList } from '../../cases/CaseList.tsx';
import { ErrorNote } from '../../shared/ErrorNote.tsx';
import { dateTime, timeOnly } from '../../shared/format.ts';
import { label } from '../../shared/labels.ts';
import { intentLabel, typeLabel } from '../../shared/taxonomy.ts';
import { ContactPanel } from '../contact/ContactPanel.tsx';
import { LEVEL_TEXT, METHOD_TEXT } from '../contact/stages.ts';
import { CustomerPanel } from '../customer/CustomerPanel.tsx';

/**
 * A department handler's desk: hand-overs waiting for them (with the whole packet, so the customer is not
 * asked again), the cases referred to the department, and the contact they took over.
 */
export default function HandlerDesk({ session }: { session: Session }) {
  const { t } = useI18n();
  const inbox = useLoad((s) => myHandovers(s), []);
  const departments = useLoad((s) => listDepartments(s), []);
  const deptCode = departments.data?.find((d) => d.id === session.user.departmentId)?.code ?? null;
  const mine = useLoad((s) => myContacts(s), []);
  const [selected, setSelected] = useState<string | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const contact = useLoad(activeId ? (s) => getContact(activeId, s) : null, [activeId]);
  useLive([`user:${session.user.id}`, ...(deptCode ? [`queue:${deptCode}`] : [])], () => {
    inbox.reload();
    mine.reload();
  });
  useLive(activeId ? [`contact:${activeId}`] : null, (e) => {
    if (e.event !== 'turn.added') contact.reload();
  });
  const ack = useAction((key, id: string) => acknowledgeHandover(key, id), {
    success: t('已确认交接', 'Hand-over acknowledged'),
  });
  const onContact = useCallback(
    (c: Contact) => {
      setActiveId(c.id);
      contact.reload();
    },
    [contact.reload],
  );
  const handovers = (inbox.data ?? []).filter((h) => h.status === 'pending');
  const packet = handovers.find((h) => h.id === selected) ?? handovers[0];
  const current = contact.data && contact.data.id === activeId ? contact.data : undefined;
  const activeList = mine.data ?? [];

  return (
    <div style={{ display: 'grid', gridTemplateColumns: '280px minmax(520px, 1fr) 480px', height: '100%' }}>
      <aside style={{ borderRight: '1px solid #e5e7eb', overflow: 'auto', background: '#fafbfc' }}>
        <div style={{ padding: 12 }}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('待确认交接', 'Hand-overs')} <span className="cd-muted">({handovers.length})</span>
          </Typography.Title>
          <ErrorNote error={inbox.error} retry={inbox.reload} />
          <List
            size="small"
            dataSource={handovers}
            locale={{ emptyText: t('暂无', 'None') }}
            data-testid="handover-list"
            renderItem={(h) => (
              <List.Item
                onClick={() => setSelected(h.id)}
                style={{
                  cursor: 'pointer',
                  background: h.id === packet?.id ? '#eaf1fb' : undefined,
                  padding: '6px 8px',
                }}
              >
                <div>
                  <div>{h.packet.customer?.maskedName ?? t('未识别客户', 'Unidentified')}</div>
                  <div className="cd-muted" style={{ fontSize: 12 }}>
                    {timeOnly(h.createdAt)} · {h.packet.from.displayName ?? ''}
                  </div>
                </div>
              </List.Item>
            )}
          />
          {activeList.length > 0 && (
            <>
              <Typography.Title level={5}>{t('处理中的联络', 'My contacts')}</Typography.Title>
              <List
                size="small"
                dataSource={activeList}
                renderItem={(c) => (
                  <List.Item
                    onClick={() => setActiveId(c.id)}
                    style={{
                      cursor: 'pointer',
                      padding: '6px 8px',
                      background: c.id === activeId ? '#eaf1fb' : undefined,
                    }}
                  >
                    {c.channel === 'chat' ? t('在线会话', 'Chat') : t('电话', 'Call')} · {timeOnly(c.startedAt)}
                  </List.Item>
                )}
              />
            </>
          )}
        </div>
        {deptCode && (
          <CaseList
            title={t('部门工单', 'Department cases')}
            query={{ department: deptCode }}
            topics={[`department:${deptCode}`]}
          />
        )}
      </aside>
      <section style={{ overflow: 'auto', padding: 12 }}>
        {current ? (
          <ContactPanel
            session={session}
            contact={current}
            onChanged={onContact}
            onClosed={() => setActiveId(null)}
            openKnowledge={() => {}}
          />
        ) : packet ? (
          <PacketView
            h={packet}
            busy={ack.busy}
            onAcknowledge={async () => {
              const c = await ack.run(packet.contactId);
              inbox.reload();
              mine.reload();
              if (c) onContact(c);
            }}
          />
        ) : (
          <Empty style={{ marginTop: 96 }} description={t('暂无待处理的交接', 'No hand-over waiting')} />
        )}
      </section>
      <aside style={{ borderLeft: '1px solid #e5e7eb', overflow: 'auto', background: '#fff' }}>
        <CustomerPanel
          session={session}
          contact={current}
          onContactChanged={onContact}
          onContactLeft={() => {
            setActiveId(null);
            mine.reload();
          }}
          openKnowledge={() => {}}
        />
      </aside>
    </div>
  );
}

/** The hand-over packet: who, how verified, what was said and done, promises, risk flags, recent turns. */
function PacketView({ h, busy, onAcknowledge }: { h: Handover; busy: boolean; onAcknowledge(): void }) {
  const { t, locale } = useI18n();
  const p = h.packet;
  return (
    <div data-testid="handover-packet">
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0, flex: 1 }}>
          {t('交接单', 'Hand-over packet')}
        </Typography.Title>
        <Button type="primary" onClick={onAcknowledge} loading={busy} data-testid="handover-ack">
          {t('确认交接并接入', 'Acknowledge and take over')}
        </Button>
      </div>
      <Descriptions size="small" bordered column={1}>
        <Descriptions.Item label={t('转出坐席', 'From')}>
          {p.from.displayName ?? '—'}
          {p.from.agentNo ? ` (${t('工号', 'ID')} ${p.from.agentNo})` : ''} · {dateTime(h.createdAt, locale)}
        </Descriptions.Item>
        <Descriptions.Item label={t('渠道', 'Channel')}>
          {p.channel === 'chat' ? t('在线会话', 'Chat') : t('电话', 'Call')} · {t('开始于', 'since')}{' '}
          {dateTime(p.startedAt, locale)}
        </Descriptions.Item>
        <Descriptions.Item label={t('客户', 'Customer')}>
          <span data-testid="packet-customer">{p.customer?.maskedName ?? t('未识别', 'Not identified')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('核身情况', 'Verification')}>
          {t(...(LEVEL_TEXT[p.verification.level] ?? [p.verification.level, p.verification.level]))}{' '}
          {p.verification.methods.map((m) => (
            <Tag key={m}>{t(...(METHOD_TEXT[m] ?? [m, m]))}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('联络分类', 'Classification')}>
          {typeLabel(p.type, locale)} {p.intents.map((i) => intentLabel(i.code, locale)).join('、')}
        </Descriptions.Item>
        {p.riskFlags.length > 0 && (
          <Descriptions.Item label={t('风险提示', 'Risk flags')}>
            {p.riskFlags.map((f) => (
              <Tag key={f} color="red">
                {RISK_TEXT[f] ? t(...RISK_TEXT[f]) : f}
              </Tag>
            ))}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('交接说明', 'Note')}>
          <span className="cd-pre" data-testid="packet-note">
            {p.note ?? '—'}
          </span>
        </Descriptions.Item>
        {p.actions.length > 0 && (
          <Descriptions.Item label={t('已办理', 'Done so far')}>
            {p.actions.map((o) => (
              <div key={`${o.action}${o.at}`} data-testid="packet-action">
                {timeOnly(o.at)} {label('action', o.action, locale)}
              </div>
            ))}
          </Descriptions.Item>
        )}
        {p.promises.length > 0 && (
          <Descriptions.Item label={t('对客承诺', 'Promises')}>
            {p.promises.map((x) => (
              <div key={x.id}>
                {x.description} · {dateTime(x.deadlineAt, locale)}
              </div>
            ))}
          </Descriptions.Item>
        )}
      </Descriptions>
      {p.recentTurns.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            {t('最近对话', 'Recent conversation')}
          </Typography.Title>
          <div
            style={{ background: '#f6f8fb', padding: 8, borderRadius: 4, maxHeight: 300, overflow: 'auto' }}
            data-testid="packet-transcript"
          >
            {p.recentTurns.map((m) => (
              <div key={`${m.at}${m.speaker}${m.text.slice(0, 8)}`} className="cd-pre" style={{ margin: '2px 0' }}>
                <strong>
                  {m.speaker === 'customer'
                    ? t('客户', 'Customer')
                    : m.speaker === 'agent'
                      ? t('坐席', 'Agent')
                      : t('系统', 'System')}
                  :
                </strong>{' '}
                {m.text}
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}

const RISK_TEXT: Record<string, [string, string]> = {
  emergency: ['紧急求助', 'Emergency'],
  suspected_fraud: ['疑似欺诈', 'Suspected fraud'],
  complaint: ['投诉', 'Complaint'],
  hostile_customer: ['客户情绪激动', 'Upset customer'],
  failed_verification: ['核身失败过', 'Failed verification'],
  not_verified: ['未核身', 'Not verified'],
};
