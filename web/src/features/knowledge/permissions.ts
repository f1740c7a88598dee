import type { ArticleDto } from '@carddesk/contracts';
import { may } from '../../app/permissions.ts';
import type { Session } from '../../app/session.ts';

/**
 * The buttons a version offers its viewer: only what the server would accept. The author edits and submits
 * their own draft; a reviewer who did not write the version approves or sends it back (four eyes).
 */
export function versionActions(session: Session, a: Pick<ArticleDto, 'status' | 'authoredByMe'> | undefined) {
  const writer = may(session, 'kb.write');
  return {
    create: writer,
    save: writer && (a === undefined || (a.status === 'draft' && a.authoredByMe)),
    submit: writer && a?.status === 'draft' && a.authoredByMe,
    review: may(session, 'kb.review') && a?.status === 'in_review' && !a.authoredByMe,
    revise: writer && a !== undefined && ['published', 'scheduled'].includes(a.status),
  };
}
