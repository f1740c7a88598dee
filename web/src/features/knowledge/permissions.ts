import type { ArticleDto, Role, User } from '@carddesk/contracts';

type KbAction = 'kb.write' | 'kb.review';

/**
 * Who may do what in the knowledge base, as the server's policy says (server/src/platform/auth/policy.ts).
 * Read from the session's `permissions` when `/api/auth/me` carries them; until then from this copy of the
 * two policy rows. Switching means deleting `BY_ROLE` — the callers ask `may(user, action)` either way.
 */
const BY_ROLE: Record<KbAction, readonly Role[]> = {
  'kb.write': ['kb_editor'],
  'kb.review': ['kb_editor', 'supervisor'],
};

export function may(user: User & { permissions?: readonly string[] }, action: KbAction): boolean {
  return user.permissions ? user.permissions.includes(action) : BY_ROLE[action].includes(user.role);
}

/**
 * The buttons a version offers its viewer: only what the server would accept. The author edits and submits
 * their own draft; a reviewer who did not write the version approves or sends it back (four eyes).
 */
export function versionActions(user: User, a: Pick<ArticleDto, 'status' | 'authoredByMe'> | undefined) {
  const writer = may(user, 'kb.write');
  return {
    create: writer,
    save: writer && (a === undefined || (a.status === 'draft' && a.authoredByMe)),
    submit: writer && a?.status === 'draft' && a.authoredByMe,
    review: may(user, 'kb.review') && a?.status === 'in_review' && !a.authoredByMe,
    revise: writer && a !== undefined && ['published', 'scheduled'].includes(a.status),
  };
}
