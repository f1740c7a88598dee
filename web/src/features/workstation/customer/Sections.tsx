import { Descriptions, Empty, List, Table, Tag, Typography } from 'antd';
import type {
  AccountView,
  CardSummary,
  Customer360View,
  InstallmentPlanView,
  StatementView,
  TransactionView,
} from '../../../api/cards.ts';
import { type Locale, useI18n } from '../../../app/i18n.tsx';
import { stateText } from '../../cases/caseText.ts';
import { DeadlineTag } from '../../cases/DeadlineTag.tsx';
import { dateTime, yuan } from '../../shared/format.ts';
import { label } from '../../shared/labels.ts';
import { intentLabel, typeLabel } from '../../shared/taxonomy.ts';
import { CARD_STATUS } from './flags.ts';

export function CardStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  const s = CARD_STATUS[status];
  return (
    <Tag color={s?.[2] ?? 'default'} data-testid="card-status" data-status={status}>
      {s ? t(s[0], s[1]) : status}
    </Tag>
  );
}

/** Cards with masked numbers only (PCI DSS 3.4.1: BIN + last four at most). Clicking selects the card. */
export function CardsSection({
  cards,
  selectedId,
  onSelect,
}: {
  cards: CardSummary[];
  selectedId: string | null;
  onSelect(id: string): void;
}) {
  const { t } = useI18n();
  if (cards.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <List
      size="small"
      dataSource={cards}
      renderItem={(c) => (
        <List.Item
          onClick={() => onSelect(c.id)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') onSelect(c.id);
          }}
          tabIndex={0}
          aria-selected={c.id === selectedId}
          data-testid={`card-${c.last4}`}
          style={{
            cursor: 'pointer',
            padding: '6px 8px',
            background: c.id === selectedId ? '#eaf1fb' : undefined,
            borderLeft: `3px solid ${c.id === selectedId ? '#1f5fbf' : 'transparent'}`,
          }}
        >
          <div style={{ display: 'flex', width: '100%', alignItems: 'center', gap: 8 }}>
            <span className="cd-mono" style={{ minWidth: 170 }}>
              {c.maskedNumber}
            </span>
            <span style={{ flex: 1 }}>
              {c.productName} {c.isPrimary ? '' : <Tag>{t('附属卡', 'Supplementary')}</Tag>}
            </span>
            <CardStatusTag status={c.status} />
          </div>
        </List.Item>
      )}
    />
  );
}

export function AccountsSection({ accounts }: { accounts: AccountView[] }) {
  const { t } = useI18n();
  return (
    <>
      {accounts.map((a) => (
        <Descriptions key={a.id} size="small" column={2} bordered style={{ marginBottom: 8 }} title={a.productName}>
          <Descriptions.Item label={t('信用额度', 'Credit limit')}>{yuan(a.creditLimitFen)}</Descriptions.Item>
          <Descriptions.Item label={t('可用额度', 'Available')}>{yuan(a.availableCreditFen)}</Descriptions.Item>
          <Descriptions.Item label={t('当前欠款', 'Balance')}>{yuan(a.balanceFen)}</Descriptions.Item>
          <Descriptions.Item label={t('临时额度', 'Temporary limit')}>
            {a.temporaryLimit
              ? `${yuan(a.temporaryLimit.amountFen)} · ${t('至', 'until')} ${a.temporaryLimit.validUntil}`
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('取现额度', 'Cash limit')}>{yuan(a.availableCashFen)}</Descriptions.Item>
          <Descriptions.Item label={t('账单日', 'Statement day')}>
            {a.statementDay} · {t('下期', 'next')} {a.nextStatementDate}
          </Descriptions.Item>
          <Descriptions.Item label={t('积分', 'Points')}>{a.pointsBalance}</Descriptions.Item>
          <Descriptions.Item label={t('开户/激活', 'Opened / activated')}>
            {a.openedOn} / {a.activatedOn ?? '—'}
          </Descriptions.Item>
          {a.overdueSince && (
            <Descriptions.Item label={t('逾期', 'Overdue')} span={2}>
              <Tag color="red">
                {a.overdueSince} · {a.overdueDays} {t('天', 'days')} · {t('未还最低', 'minimum unpaid')}{' '}
                {yuan(a.minimumDueUnpaidFen)}
              </Tag>
            </Descriptions.Item>
          )}
        </Descriptions>
      ))}
    </>
  );
}

export function StatementsSection({ statements }: { statements: StatementView[] }) {
  const { t } = useI18n();
  return (
    <Table<StatementView>
      size="small"
      rowKey="id"
      dataSource={statements}
      pagination={false}
      columns={[
        { title: t('账单日', 'Statement'), dataIndex: 'statementDate' },
        { title: t('到期还款日', 'Due'), dataIndex: 'dueDate' },
        { title: t('本期应还', 'New balance'), dataIndex: 'newBalanceFen', align: 'right', render: yuan },
        { title: t('最低还款', 'Minimum'), dataIndex: 'minimumPaymentFen', align: 'right', render: yuan },
        { title: t('已还', 'Paid'), dataIndex: 'paidFen', align: 'right', render: yuan },
      ]}
    />
  );
}

/** Recent transactions of the account the selected card belongs to. */
export function TransactionsSection({ view, accountId }: { view: Customer360View; accountId: string | null }) {
  const { t, locale } = useI18n();
  const rows = view.recentTransactions.filter((x) => !accountId || x.accountId === accountId);
  return (
    <Table<TransactionView>
      size="small"
      rowKey="id"
      dataSource={rows}
      pagination={{ pageSize: 8, size: 'small', hideOnSinglePage: true }}
      columns={[
        { title: t('交易日', 'Date'), dataIndex: 'txnDate', width: 96 },
        {
          title: t('摘要', 'Description'),
          render: (_, x) => (
            <span>
              {x.merchant ?? x.description} <span className="cd-muted">{label('transactionKind', x.kind, locale)}</span>
              {x.cardLast4 && <span className="cd-mono cd-muted"> *{x.cardLast4}</span>}
              {x.suspicious ? (
                <Tag color="red" style={{ marginInlineStart: 4 }}>
                  {t('可疑', 'Suspicious')}
                </Tag>
              ) : null}
            </span>
          ),
        },
        { title: t('金额', 'Amount'), dataIndex: 'amountFen', align: 'right', render: yuan },
      ]}
    />
  );
}

export function InstallmentsSection({ plans }: { plans: InstallmentPlanView[] }) {
  const { t, locale } = useI18n();
  return (
    <Table<InstallmentPlanView>
      size="small"
      rowKey="id"
      dataSource={plans}
      pagination={false}
      columns={[
        { title: t('类型', 'Kind'), dataIndex: 'kind', render: (v: string) => label('installmentKind', v, locale) },
        { title: t('本金', 'Principal'), dataIndex: 'principalFen', align: 'right', render: yuan },
        { title: t('期数', 'Periods'), render: (_, p) => `${p.periodsBilled}/${p.periods}` },
        { title: t('剩余本金', 'Remaining'), dataIndex: 'remainingPrincipalFen', align: 'right', render: yuan },
        { title: t('年化利率', 'APR'), dataIndex: 'aprPercent', render: (v: string) => `${v}%` },
        {
          title: t('状态', 'Status'),
          dataIndex: 'status',
          render: (v: string) => label('installmentStatus', v, locale),
        },
      ]}
    />
  );
}

/** Sections other modules contribute to the 360 view: open cases, promises made, past contacts. */
export function CasesSection({ view, locale }: { view: Customer360View; locale: Locale }) {
  const { t } = useI18n();
  // Each section is absent when its module is not installed.
  const cases = view.cases ?? [];
  const promises = view.promises ?? [];
  const contacts = view.contacts ?? [];
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <Typography.Text strong>{t('未结工单', 'Open cases')}</Typography.Text>
      {cases.length === 0 ? (
        <span className="cd-muted">{t('无', 'None')}</span>
      ) : (
        cases.map((c) => (
          <div key={c.id}>
            <span className="cd-mono">{c.number}</span>{' '}
            <Tag color={stateText(c.state)[2]}>{t(stateText(c.state)[0], stateText(c.state)[1])}</Tag>
            {intentLabel(c.category, locale)} · <DeadlineTag dueDate={c.dueDate} />
          </div>
        ))
      )}
      <Typography.Text strong>{t('对客承诺', 'Promises')}</Typography.Text>
      {promises.length === 0 ? (
        <span className="cd-muted">{t('无', 'None')}</span>
      ) : (
        promises.map((p) => (
          <div key={p.id}>
            <Tag color={p.overdue ? 'red' : 'blue'}>{p.overdue ? t('已逾期', 'Overdue') : t('进行中', 'Open')}</Tag>
            {p.description} <span className="cd-muted">{dateTime(p.deadlineAt, locale)}</span>
          </div>
        ))
      )}
      <Typography.Text strong>{t('历史联络', 'Past contacts')}</Typography.Text>
      {contacts.length === 0 ? (
        <span className="cd-muted">{t('无', 'None')}</span>
      ) : (
        contacts.slice(0, 10).map((c) => (
          <div key={c.id} className="cd-muted">
            {dateTime(c.startedAt, locale)} · {c.channel === 'chat' ? t('在线', 'Chat') : t('电话', 'Call')} ·{' '}
            {typeLabel(c.type, locale)} {c.intents.map((i) => intentLabel(i, locale)).join('、')}
            {c.agentNo ? ` · ${c.agentNo}` : ''}
            {c.satisfaction ? ` · ${'★'.repeat(c.satisfaction)}` : ''}
          </div>
        ))
      )}
    </div>
  );
}
