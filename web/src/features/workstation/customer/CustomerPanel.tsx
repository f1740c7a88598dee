import { AlertOutlined, CreditCardOutlined, ExclamationCircleOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Empty, Space, Spin, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { type CardSummary, getCustomer360, getCustomerSummary } from '../../../api/cards.ts';
import { type Contact, contactsSettings } from '../../../api/contacts.ts';
import { useHotkeys, useLoad } from '../../../app/hooks.ts';
import { useI18n } from '../../../app/i18n.tsx';
import type { Session } from '../../../app/session.ts';
import { ErrorNote } from '../../shared/ErrorNote.tsx';
import { levelReaches } from '../contact/stages.ts';
import { ComplaintDialog } from '../operations/ComplaintDialog.tsx';
import { EmergencyDialog } from '../operations/EmergencyDialog.tsx';
import { InstallmentDialog } from '../operations/InstallmentDialog.tsx';
import { LimitDialog } from '../operations/LimitDialog.tsx';
import { RepaymentTraceDialog } from '../operations/RepaymentTraceDialog.tsx';
import { TransferDialog } from '../operations/TransferDialog.tsx';
import { CustomerSearch } from './CustomerSearch.tsx';
import { FLAG_TEXT } from './flags.ts';
import {
  AccountsSection,
  CardsSection,
  CasesSection,
  InstallmentsSection,
  StatementsSection,
  TransactionsSection,
} from './Sections.tsx';
import { SummaryCard } from './SummaryCard.tsx';

type Dialog = 'emergency' | 'installment' | 'limit' | 'complaint' | 'repayment_trace' | 'transfer' | null;

/**
 * Customer 360 inside the contact, loaded with the contact's id so the server grants access by the
 * contact's verification. Operations open dialogs that show the engine's figures before anything happens;
 * the emergency freeze (F2) needs one confirmation and no verification, because money may be at risk now
 * (guide §3.3).
 */
export function CustomerPanel({
  session,
  contact,
  onContactChanged,
  onContactLeft,
}: {
  session: Session;
  contact: Contact | undefined;
  onContactChanged(c: Contact): void;
  /** The contact was handed on (transfer): it is no longer this agent's. */
  onContactLeft(): void;
  openKnowledge(q?: string): void;
}) {
  const { t, locale } = useI18n();
  const customerId = contact?.customerId ?? null;
  const contactId = contact?.id ?? null;
  const level = contact?.verification.level;
  // The 360 is asked for only once the contact is verified enough for it (the bank's table): before that
  // the screen pop's summary is all the agent may see, and a request bound to be refused is not sent.
  const settings = useLoad((s) => contactsSettings(s), []);
  const profileLevel = settings.data?.accessLevels['customer.profile'];
  const mayView = level !== undefined && profileLevel !== undefined && levelReaches(level, profileLevel);
  const view = useLoad(
    customerId && contactId && mayView ? (s) => getCustomer360(customerId, { contactId }, s) : null,
    [customerId, contactId, level, mayView],
  );
  // The screen pop: masked name and cards, available before verification (enough to freeze a card).
  const summary = useLoad(customerId && contactId ? (s) => getCustomerSummary(customerId, { contactId }, s) : null, [
    customerId,
    contactId,
  ]);
  const locked = !mayView || view.error?.status === 403;
  // The selected card belongs to one customer: switching customer drops the selection.
  const [pick, setPick] = useState<{ customerId: string | null; cardId: string }>({ customerId: null, cardId: '' });
  const cardId = pick.customerId === customerId ? pick.cardId : null;
  const setCardId = (id: string) => setPick({ customerId, cardId: id });
  const [dialog, setDialog] = useState<Dialog>(null);
  const cards = view.data?.cards ?? summary.data?.cards ?? [];
  const selected: CardSummary | undefined =
    cards.find((c) => c.id === cardId) ?? cards.find((c) => c.status === 'active') ?? cards[0];

  useHotkeys(
    [
      ['F2', () => selected && setDialog('emergency')],
      ['Alt+C', () => customerId && setDialog('complaint')],
      ['Alt+T', () => contact && setDialog('transfer')],
    ],
    contact !== undefined,
  );

  if (!contact) {
    return (
      <div style={{ padding: 48 }}>
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('接通后显示客户信息', 'The customer appears here during a contact')}
        />
      </div>
    );
  }
  if (!customerId) return <CustomerSearch contact={contact} onLinked={onContactChanged} />;

  const c = view.data?.customer;
  const account = selected ? view.data?.accounts.find((a) => a.id === selected.accountId) : view.data?.accounts[0];
  const ctx = { contactId: contact.id };
  const done = () => {
    view.reload();
    summary.reload();
  };

  return (
    <div style={{ padding: 12, display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="customer-panel">
      <ErrorNote error={locked ? undefined : view.error} retry={view.reload} />
      <ErrorNote error={summary.error} retry={summary.reload} />
      <div style={{ minHeight: 52 }}>
        {c ? (
          <>
            <Space align="baseline" wrap>
              <Typography.Title level={5} style={{ margin: 0 }} data-testid="customer-name">
                {c.maskedName}
              </Typography.Title>
              {c.maskedPhone && <span className="cd-mono">{c.maskedPhone}</span>}
              {c.maskedIdNumber && <span className="cd-mono cd-muted">{c.maskedIdNumber}</span>}
            </Space>
            <div style={{ marginTop: 4 }}>
              <span className="cd-muted">
                {c.salutation} · {t('客户自', 'Customer since')} {c.customerSince}
              </span>{' '}
              {c.flags.vip && <Tag color="gold">{t(...FLAG_TEXT.vip)}</Tag>}
              {c.flags.vulnerable && <Tag color="purple">{t(...FLAG_TEXT.vulnerable)}</Tag>}
            </div>
          </>
        ) : summary.data ? (
          <>
            <Space align="baseline" wrap>
              <Typography.Title level={5} style={{ margin: 0 }} data-testid="customer-name">
                {summary.data.maskedName}
              </Typography.Title>
              <span className="cd-mono">{summary.data.maskedPhone}</span>
              <span className="cd-muted">{summary.data.salutation}</span>
              {summary.data.flags.vip && <Tag color="gold">{t(...FLAG_TEXT.vip)}</Tag>}
              {summary.data.flags.vulnerable && <Tag color="purple">{t(...FLAG_TEXT.vulnerable)}</Tag>}
            </Space>
            {locked && (
              <div className="cd-muted" style={{ marginTop: 4 }} data-testid="customer-locked">
                {t(
                  '来电已识别,尚未核身:核身后显示账户、账单与交易。',
                  'Identified, not verified: accounts, statements and transactions appear after verification.',
                )}
              </div>
            )}
          </>
        ) : (
          (view.loading || summary.loading) && <Spin size="small" />
        )}
      </div>

      <SummaryCard summary={summary.data} view={view.data} account={account} />

      <Space wrap size={6} style={{ minHeight: 32 }}>
        <Tooltip
          title={t('立即冻结所选卡片,无需等待完整核身', 'Freeze the selected card at once, before full verification')}
        >
          <Button
            danger
            type="primary"
            icon={<AlertOutlined />}
            disabled={!selected}
            onClick={() => setDialog('emergency')}
            data-testid="emergency-freeze"
          >
            {t('紧急冻结', 'Emergency freeze')} <kbd className="cd-kbd">F2</kbd>
          </Button>
        </Tooltip>
        <Button
          icon={<CreditCardOutlined />}
          disabled={!account}
          onClick={() => setDialog('installment')}
          data-testid="op-installment"
        >
          {t('分期', 'Installment')}
        </Button>
        <Button disabled={!account} onClick={() => setDialog('limit')} data-testid="op-limit">
          {t('调额', 'Limit')}
        </Button>
        <Button icon={<ExclamationCircleOutlined />} onClick={() => setDialog('complaint')} data-testid="op-complaint">
          {t('受理投诉', 'Complaint')} <kbd className="cd-kbd">Alt+C</kbd>
        </Button>
        <Button onClick={() => setDialog('repayment_trace')} data-testid="op-repayment-trace">
          {t('还款未入账', 'Repayment not credited')}
        </Button>
        <Button icon={<SwapOutlined />} onClick={() => setDialog('transfer')} data-testid="op-transfer">
          {t('转接', 'Transfer')} <kbd className="cd-kbd">Alt+T</kbd>
        </Button>
      </Space>

      {!view.data && cards.length > 0 && (
        <CardsSection cards={cards} selectedId={selected?.id ?? null} onSelect={setCardId} />
      )}
      {view.data && (
        <Tabs
          size="small"
          items={[
            {
              key: 'cards',
              label: t('卡片', 'Cards'),
              children: <CardsSection cards={cards} selectedId={selected?.id ?? null} onSelect={setCardId} />,
            },
            {
              key: 'accounts',
              label: t('账户', 'Accounts'),
              children: <AccountsSection accounts={view.data.accounts} />,
            },
            {
              key: 'statements',
              label: t('账单', 'Statements'),
              children: <StatementsSection statements={view.data.latestStatements} />,
            },
            {
              key: 'txns',
              label: t('交易', 'Transactions'),
              children: <TransactionsSection view={view.data} accountId={account?.id ?? null} />,
            },
            {
              key: 'inst',
              label: t('分期', 'Installments'),
              children: <InstallmentsSection plans={view.data.installmentPlans} />,
            },
            {
              key: 'cases',
              label: t('工单与承诺', 'Cases & promises'),
              children: <CasesSection view={view.data} locale={locale} />,
            },
          ]}
        />
      )}

      {selected && (
        <EmergencyDialog
          open={dialog === 'emergency'}
          card={selected}
          customerId={customerId}
          ctx={ctx}
          onClose={() => setDialog(null)}
          onDone={done}
        />
      )}
      {account && (
        <>
          <InstallmentDialog
            open={dialog === 'installment'}
            verification={{
              level: level ?? 'none',
              required: settings.data?.accessLevels['installment.apply'],
              keypad: contact.channel === 'phone',
            }}
            account={account}
            ctx={ctx}
            onClose={() => setDialog(null)}
            onDone={done}
          />
          <LimitDialog
            open={dialog === 'limit'}
            account={account}
            ctx={ctx}
            onClose={() => setDialog(null)}
            onDone={done}
          />
        </>
      )}
      <ComplaintDialog
        open={dialog === 'complaint'}
        contact={contact}
        customerId={customerId}
        card={selected}
        onClose={() => setDialog(null)}
        onDone={done}
      />
      <RepaymentTraceDialog
        open={dialog === 'repayment_trace'}
        contact={contact}
        customerId={customerId}
        card={selected}
        onClose={() => setDialog(null)}
        onDone={done}
      />
      <TransferDialog
        open={dialog === 'transfer'}
        contact={contact}
        session={session}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null);
          onContactLeft();
        }}
      />
    </div>
  );
}
