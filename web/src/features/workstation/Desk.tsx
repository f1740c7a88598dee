import { Empty, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { type Contact, getContact, myContacts } from '../../api/contacts.ts';
import { activeContactKey, useHotkeys, useLoad } from '../../app/hooks.ts';
import { useT } from '../../app/i18n.tsx';
import { useLive } from '../../app/live.ts';
import type { Session } from '../../app/session.ts';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { ContactPanel } from './contact/ContactPanel.tsx';
import { CustomerPanel } from './customer/CustomerPanel.tsx';
import { DemoOutbox } from './DemoOutbox.tsx';
import { DeskToolbar } from './DeskToolbar.tsx';
import { QueuePanel } from './QueuePanel.tsx';
import { SimulateCallDialog } from './SimulateCallDialog.tsx';
import { useAgentState } from './useAgentState.ts';

/** Whether the agent still works the contact: active and assigned to them. */
function isMine(c: Contact, userId: string): boolean {
  return c.status === 'active' && c.agent?.id === userId;
}

/**
 * The front-line desk: a fixed three-column grid (queue · contact · customer) whose columns never change
 * size while a call is live — panels scroll inside themselves, so nothing jumps under the agent's cursor.
 * The open contact is remembered per agent, so a reload returns to the same call with its drafts.
 */
export function Desk({
  session,
  openKnowledge,
  openHelp,
}: {
  session: Session;
  openKnowledge(q?: string): void;
  openHelp(): void;
}) {
  const t = useT();
  const storeKey = activeContactKey(session.user.id);
  const [activeId, setActiveIdState] = useState<string | null>(() => localStorage.getItem(storeKey));
  const setActiveId = useCallback(
    (id: string | null) => {
      if (id) localStorage.setItem(storeKey, id);
      else localStorage.removeItem(storeKey);
      setActiveIdState(id);
    },
    [storeKey],
  );
  const mine = useLoad((s) => myContacts(s), []);
  const presence = useAgentState();
  const contact = useLoad(activeId ? (s) => getContact(activeId, s) : null, [activeId]);
  const [callOpen, setCallOpen] = useState(false);
  const [outboxOpen, setOutboxOpen] = useState(false);

  // A contact that closed elsewhere or is no longer ours (transferred, taken back to a queue) is dropped
  // from the desk, also when a reload finds it remembered.
  useEffect(() => {
    if (contact.error && (contact.error.status === 404 || contact.error.status === 403)) setActiveId(null);
  }, [contact.error, setActiveId]);
  useEffect(() => {
    if (contact.data && contact.data.id === activeId && !isMine(contact.data, session.user.id)) {
      setActiveId(null);
      mine.reload();
    }
  }, [contact.data, activeId, session.user.id, setActiveId, mine.reload]);

  useLive([`user:${session.user.id}`], (e) => {
    if (e.event.startsWith('contact.') || e.event.startsWith('handover.') || e.event.startsWith('transfer.'))
      mine.reload();
    if (e.event === 'presence.changed') presence.reload();
  });
  useLive(activeId ? [`contact:${activeId}`] : null, (e) => {
    if (e.event !== 'turn.added') contact.reload();
  });

  useHotkeys([['Alt+N', () => setCallOpen(true)]]);

  const onContact = useCallback(
    (c: Contact) => {
      setActiveId(c.id);
      contact.reload();
      mine.reload();
    },
    [setActiveId, contact.reload, mine.reload],
  );

  /** The contact closed or was handed on: it leaves the desk. */
  const onLeft = useCallback(() => {
    setActiveId(null);
    mine.reload();
    // Closing starts wrap-up on the server.
    presence.reload();
  }, [setActiveId, mine.reload, presence.reload]);

  const current: Contact | undefined =
    contact.data && contact.data.id === activeId && isMine(contact.data, session.user.id) ? contact.data : undefined;

  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: '260px minmax(520px, 1fr) 480px',
        gridTemplateRows: '44px minmax(0, 1fr)',
        height: '100%',
        gap: 0,
      }}
    >
      <div style={{ gridColumn: '1 / 4', borderBottom: '1px solid #e5e7eb', background: '#fff' }}>
        <DeskToolbar
          session={session}
          contacts={mine.data ?? []}
          activeId={activeId}
          onSelect={setActiveId}
          onSimulateCall={() => setCallOpen(true)}
          onKnowledge={() => openKnowledge()}
          onHelp={openHelp}
          onDemoOutbox={() => setOutboxOpen(true)}
          presence={presence}
        />
      </div>
      <aside
        aria-label={t('排队与待办', 'Queue')}
        style={{ borderRight: '1px solid #e5e7eb', overflow: 'auto', background: '#fafbfc' }}
      >
        <QueuePanel session={session} onAccepted={onContact} ready={presence.state?.state === 'ready'} />
      </aside>
      <section aria-label={t('当前联络', 'Current contact')} style={{ overflow: 'auto', padding: 12, minWidth: 0 }}>
        <ErrorNote
          error={contact.error && contact.error.status !== 404 ? contact.error : undefined}
          retry={contact.reload}
        />
        {current ? (
          <ContactPanel
            session={session}
            contact={current}
            onChanged={onContact}
            onClosed={onLeft}
            openKnowledge={openKnowledge}
          />
        ) : (
          <div style={{ paddingTop: 96 }}>
            <Empty
              description={
                <Typography.Text type="secondary">
                  {t('暂无进行中的联络。接听排队中的会话,或按', 'No contact open. Take a waiting chat, or press')}{' '}
                  <kbd className="cd-kbd">Alt+N</kbd> {t('模拟来电。', 'to simulate a call.')}
                </Typography.Text>
              }
            />
          </div>
        )}
      </section>
      <aside
        aria-label={t('客户视图', 'Customer')}
        style={{ borderLeft: '1px solid #e5e7eb', overflow: 'auto', background: '#fff' }}
      >
        <CustomerPanel
          session={session}
          contact={current}
          onContactChanged={onContact}
          onContactLeft={onLeft}
          openKnowledge={openKnowledge}
        />
      </aside>
      <DemoOutbox open={outboxOpen} onClose={() => setOutboxOpen(false)} />
      <SimulateCallDialog open={callOpen} onClose={() => setCallOpen(false)} onStarted={onContact} />
    </div>
  );
}
