import type { Permission } from '@carddesk/contracts';
import type { Session } from './session.ts';

/**
 * What the signed-in user may do, as the server's policy says (`permissions` of the sign-in answer and of
 * `/api/auth/me`). The console shows and hides by these, never by role names; the server still decides
 * every request, so hiding is only about not offering what would be refused.
 */
export function may(session: Session, action: Permission): boolean {
  return session.user.permissions.includes(action);
}

/**
 * Where a user starts after signing in: administrators at administration; who handles contacts without
 * overseeing them at the desk; knowledge editors at the knowledge base; the head office at its extension approvals; everyone else (the oversight posts)
 * at the dashboard.
 */
export function homeFor(session: Session): string {
  if (may(session, 'users.manage')) return '/admin';
  if (may(session, 'contacts.handle') && !may(session, 'contacts.supervise')) return '/desk';
  if (may(session, 'kb.write')) return '/kb';
  // The inspectors work in the QA portal.
  if (may(session, 'qa.review') && !may(session, 'contacts.supervise')) return '/qa';
  // The head office approves complaint extensions: its own page, not a dashboard it may not read.
  if (may(session, 'cases.approve_extension') && !may(session, 'contacts.supervise')) return '/head-office';
  return '/supervisor';
}
