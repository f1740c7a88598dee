import { Drawer, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { useI18n } from '../../app/i18n.tsx';

// The case view (forms, date picker, timeline) loads when a case is opened, not with the list.
const CaseDetail = lazy(() => import('./CaseDetail.tsx').then((m) => ({ default: m.CaseDetail })));

/** One case's detail in a side drawer, wherever a list of cases opens one (agent's list, supervisor's deadlines). */
export function CaseDrawer({
  caseId,
  onClose,
  onChanged,
}: {
  caseId: string | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  return (
    <Drawer open={caseId !== null} onClose={onClose} width={640} title={t('工单详情', 'Case')} destroyOnHidden>
      {caseId && (
        <Suspense fallback={<Spin />}>
          <CaseDetail caseId={caseId} onChanged={onChanged} />
        </Suspense>
      )}
    </Drawer>
  );
}
