import type { Session } from '../../app/session.ts';

export default function Page(_: { session: Session }) {
  return <div>…</div>;
}
