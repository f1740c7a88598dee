import { Spin } from 'antd';
import { lazy, Suspense, useCallback, useState } from 'react';
import { useHotkeys } from '../../app/hooks.ts';
import { useLive } from '../../app/live.ts';
import { may } from '../../app/permissions.ts';
import type { Session } from '../../app/session.ts';
import { StaffHeader } from '../shared/StaffHeader.tsx';
import { Desk } from './Desk.tsx';
import { KnowledgeDrawer } from './KnowledgeDrawer.tsx';
import { ShortcutHelp } from './ShortcutHelp.tsx';

const HandlerDesk = lazy(() => import('./handler/HandlerDesk.tsx'));

/**
 * The agent workstation. Front-line agents get the desk (queue, contact, customer 360); department
 * handlers get their inbox of hand-overs and referred cases. Ctrl+K opens knowledge search anywhere.
 */
export default function WorkstationPortal({ session }: { session: Session }) {
  const live = useLive([`user:${session.user.id}`], () => {});
  const [kbOpen, setKbOpen] = useState(false);
  const [kbQuery, setKbQuery] = useState('');
  const [helpOpen, setHelpOpen] = useState(false);
  const openKb = useCallback((q?: string) => {
    if (q) setKbQuery(q);
    setKbOpen(true);
  }, []);
  useHotkeys([
    ['Ctrl+K', () => openKb()],
    ['F1', () => setHelpOpen(true)],
  ]);
  // A department's handler works the hand-overs and cases that reach the department.
  const handler = may(session, 'contacts.department_work');
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100vh', overflow: 'hidden' }}>
      <StaffHeader session={session} live={live} />
      <main id="main" style={{ flex: 1, minHeight: 0 }}>
        {handler ? (
          <Suspense fallback={<Spin style={{ margin: 48 }} />}>
            <HandlerDesk session={session} />
          </Suspense>
        ) : (
          <Desk session={session} openKnowledge={openKb} openHelp={() => setHelpOpen(true)} />
        )}
      </main>
      <KnowledgeDrawer open={kbOpen} onClose={() => setKbOpen(false)} query={kbQuery} setQuery={setKbQuery} />
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
