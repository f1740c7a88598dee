import type { Session } from '../../app/session.ts';
import { StaffHeader } from '../shared/StaffHeader.tsx';

export default function WorkstationPortal({ session }: { session: Session }) {
  return <StaffHeader session={session} />;
}
