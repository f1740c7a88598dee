import { Alert, Descriptions, Tag } from 'antd';
import type { AccountView, Customer360View, CustomerSummary } from '../../../api/cards.ts';
import { useI18n } from '../../../app/i18n.tsx';
import { yuan } from '../../shared/format.ts';

/**
 * The one-screen summary at the top of the customer panel. From the screen pop on: the care note (how to
 * speak with this customer is needed for verification itself) and the flags. Once the contact is verified
 * for the 360 view: limit and available credit, the latest statement's amount due, minimum and due date,
 * overdue days, suspicious transactions, open cases and promises — the figures that were each a tab away.
 * Before verification no figure is shown (ARCHITECTURE.md, "What the desk shows before verification").
 */
export function SummaryCard({
  summary,
  view,
  account,
}: {
  summary: CustomerSummary | undefined;
  view: Customer360View | undefined;
  account: AccountView | undefined;
}) {
  const { t } = useI18n();
  const careNote = view?.customer.flags.note ?? summary?.careNote ?? null;
  const statement = account
    ? (view?.latestStatements ?? [])
        .filter((s) => s.accountId === account.id)
        .sort((a, b) => b.statementDate.localeCompare(a.statementDate))[0]
    : undefined;
  const suspicious = (view?.recentTransactions ?? []).filter((x) => x.suspicious).length;
  const openCases = (view?.cases ?? []).filter((c) => c.state !== 'closed').length;
  const openPromises = (view?.promises ?? []).filter((p) => p.status === 'open').length;
  return (
    <div data-testid="summary-card" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      {careNote && (
        <Alert type="warning" showIcon data-testid="care-note" message={`${t('关怀提示', 'Care note')}:${careNote}`} />
      )}
      {view && account && (
        <Descriptions size="small" bordered column={2} data-testid="summary-figures">
          <Descriptions.Item label={t('额度 / 可用', 'Limit / available')}>
            {yuan(account.effectiveLimitFen)} / {yuan(account.availableCreditFen)}
          </Descriptions.Item>
          <Descriptions.Item label={t('本期应还 / 最低', 'Due / minimum')}>
            {statement ? `${yuan(statement.remainingFen)} / ${yuan(statement.minimumPaymentFen)}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('到期还款日', 'Due date')}>{statement?.dueDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('逾期', 'Overdue')}>
            {account.overdueDays > 0 ? (
              <Tag color="red">{t(`逾期${account.overdueDays}天`, `${account.overdueDays} days`)}</Tag>
            ) : (
              t('无', 'None')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('风险', 'Risk')}>
            {suspicious > 0 ? (
              <Tag color="volcano">{t(`可疑交易${suspicious}笔`, `${suspicious} suspicious`)}</Tag>
            ) : (
              t('无', 'None')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('未结工单 / 承诺', 'Open cases / promises')}>
            {openCases} / {openPromises}
          </Descriptions.Item>
        </Descriptions>
      )}
    </div>
  );
}
