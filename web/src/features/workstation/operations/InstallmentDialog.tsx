import { InfoCircleOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Table,
  Tooltip,
} from 'antd';
import { useEffect, useState } from 'react';
import { type AccountView, acceptInstallment, type InstallmentQuote, quoteInstallment } from '../../../api/cards.ts';
import { sendOtp } from '../../../api/contacts.ts';
import { useAction, useLoad } from '../../../app/hooks.ts';
import { useT } from '../../../app/i18n.tsx';
import { yuan } from '../../shared/format.ts';
import { LEVEL_TEXT, levelReaches } from '../contact/stages.ts';
import { INELIGIBLE_TEXT, installmentOptions } from './installment.api.ts';

type Kind = 'bill' | 'cash';

/**
 * Installments with disclosure before consent (《2022通知》): the engine's quote — total interest, each
 * payment and the annualised rate (APR) — is shown first; only then can the agent record the customer's
 * agreement and create the plan. The browser computes nothing.
 */
export function InstallmentDialog({
  open,
  account,
  ctx,
  verification,
  onClose,
  onDone,
}: {
  open: boolean;
  account: AccountView;
  ctx: { contactId: string };
  /** The contact's level and the level creating a plan needs: told up front, not after the quote. */
  verification: {
    level: string;
    required: string | undefined;
    /** A phone call: the caller can key a code in (a chat has no keypad). */
    keypad: boolean;
  };
  onClose(): void;
  onDone(): void;
}) {
  const t = useT();
  const [kind, setKind] = useState<Kind>('bill');
  const [amount, setAmount] = useState<number | null>(null);
  const [periods, setPeriods] = useState(12);
  // What the product offers and what may be split, asked before anything is typed.
  const options = useLoad(
    open ? (sig) => installmentOptions(account.id, { kind }, { contactId: ctx.contactId }, sig) : null,
    [open, account.id, kind, ctx.contactId],
  );
  const offer = options.data?.kind === kind ? options.data : undefined;
  useEffect(() => {
    if (!offer) return;
    setAmount(offer.suggestedFen === null ? null : offer.suggestedFen / 100);
    setPeriods((p) => (offer.periods.includes(p) ? p : offer.periods.includes(12) ? 12 : (offer.periods[0] ?? p)));
  }, [offer]);
  const [quote, setQuote] = useState<InstallmentQuote | null>(null);
  const [consent, setConsent] = useState(false);
  // A cash installment is paid only into the holder's own settlement account (《2022通知》).
  const [payeeNumber, setPayeeNumber] = useState('');
  const [payeeName, setPayeeName] = useState('');
  const q = useAction((key) =>
    quoteInstallment(
      key,
      // A bill installment without an amount splits the whole eligible statement balance.
      { accountId: account.id, kind, periods, ...(amount ? { principalFen: Math.round(amount * 100) } : {}) },
      ctx,
    ),
  );
  const accept = useAction(
    (key, agreed: InstallmentQuote) =>
      acceptInstallment(
        key,
        agreed,
        ctx,
        agreed.kind === 'cash' ? { accountNumber: payeeNumber.trim(), holderName: payeeName.trim() } : undefined,
      ),
    { success: t('分期已办理', 'Installment plan created') },
  );
  const reset = () => {
    setQuote(null);
    setConsent(false);
  };
  const payeeMissing = kind === 'cash' && (!payeeNumber.trim() || !payeeName.trim());
  return (
    <Modal
      open={open}
      onCancel={() => {
        reset();
        onClose();
      }}
      title={t('分期办理', 'Installment')}
      width={640}
      destroyOnHidden
      footer={[
        <Button
          key="q"
          onClick={async () => setQuote((await q.run()) ?? null)}
          loading={q.busy}
          disabled={(kind === 'cash' && !amount) || offer?.eligible === false}
          data-testid="inst-quote"
        >
          {t('试算', 'Quote')}
        </Button>,
        <Button
          key="a"
          type="primary"
          disabled={!quote || !consent || payeeMissing}
          loading={accept.busy}
          data-testid="inst-accept"
          onClick={async () => {
            if (quote && (await accept.run(quote))) {
              reset();
              onDone();
              onClose();
            }
          }}
        >
          {t('客户同意,确认办理', 'Customer agrees: create plan')}
        </Button>,
      ]}
    >
      <RequiredLevel contactId={ctx.contactId} verification={verification} />
      {offer && !offer.eligible && offer.reason && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="inst-not-eligible"
          message={t(...INELIGIBLE_TEXT[offer.reason])}
        />
      )}
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t('类型', 'Kind')}>
          <Segmented
            value={kind}
            onChange={(v) => {
              setKind(v as Kind);
              reset();
            }}
            options={[
              { value: 'bill', label: t('账单分期', 'Bill') },
              { value: 'cash', label: t('现金分期', 'Cash') },
            ]}
          />
        </Form.Item>
        <Form.Item
          label={t('金额(元)', 'Amount (CNY)')}
          extra={
            offer?.eligible ? (
              <span data-testid="inst-range">
                {t('可分期', 'Eligible')} {yuan(offer.minFen)} – {yuan(offer.maxFen)}
              </span>
            ) : undefined
          }
        >
          <InputNumber
            min={offer?.eligible ? offer.minFen / 100 : 0}
            {...(offer?.eligible ? { max: offer.maxFen / 100 } : {})}
            precision={2}
            value={amount}
            onChange={(v) => {
              setAmount(v);
              reset();
            }}
            style={{ width: 140 }}
            data-testid="inst-amount"
          />
        </Form.Item>
        <Form.Item label={t('期数', 'Periods')}>
          <Select
            value={periods}
            onChange={(v) => {
              setPeriods(v);
              reset();
            }}
            style={{ width: 96 }}
            // The periods this card's product has a rate for: 18 where it offers them.
            options={(offer?.periods ?? []).map((n) => ({ value: n, label: `${n} ${t('期', '')}` }))}
            data-testid="inst-periods"
          />
        </Form.Item>
      </Form>
      {quote && (
        <div style={{ marginTop: 16 }} data-testid="inst-quote-result">
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={<strong>{t('年化利率(APR)', 'APR')}</strong>} span={2}>
              <strong style={{ fontSize: 18 }} data-testid="inst-apr">
                {quote.aprPercent}%
              </strong>
              <Tooltip title={`${t('按内部收益率法计算', 'By IRR')};${t('实际年利率', 'EAR')} ${quote.earPercent}%`}>
                <InfoCircleOutlined style={{ marginInlineStart: 8 }} data-testid="inst-other-rates" />
              </Tooltip>
            </Descriptions.Item>
            <Descriptions.Item label={t('分期本金', 'Principal')}>{yuan(quote.principalFen)}</Descriptions.Item>
            <Descriptions.Item label={t('期数', 'Periods')}>{quote.periods}</Descriptions.Item>
            <Descriptions.Item label={t('总利息', 'Total interest')}>{yuan(quote.totalFeeFen)}</Descriptions.Item>
            <Descriptions.Item label={t('每期还款', 'Each payment')}>
              {yuan(quote.perPeriodPaymentFen)}
            </Descriptions.Item>
          </Descriptions>
          {quote.schedule.length > 0 && (
            <Table
              size="small"
              style={{ marginTop: 8 }}
              rowKey="period"
              pagination={false}
              scroll={{ y: 160 }}
              dataSource={quote.schedule}
              columns={[
                { title: t('期', 'No.'), dataIndex: 'period', width: 50 },
                { title: t('本金', 'Principal'), dataIndex: 'principalFen', align: 'right', render: yuan },
                { title: t('利息', 'Interest'), dataIndex: 'feeFen', align: 'right', render: yuan },
                { title: t('应还', 'Payment'), dataIndex: 'paymentFen', align: 'right', render: yuan },
              ]}
            />
          )}
          <Alert type="info" style={{ marginTop: 8 }} message={quote.notice} data-testid="inst-notice" />
          {quote.kind === 'cash' && (
            <Form layout="inline" style={{ marginTop: 8, rowGap: 8 }}>
              <Form.Item label={t('本人结算账户', 'Own settlement account')}>
                <Input
                  value={payeeNumber}
                  onChange={(e) => setPayeeNumber(e.target.value)}
                  inputMode="numeric"
                  style={{ width: 220 }}
                  data-testid="inst-payee-number"
                />
              </Form.Item>
              <Form.Item label={t('户名', 'Account holder')}>
                <Input
                  value={payeeName}
                  onChange={(e) => setPayeeName(e.target.value)}
                  style={{ width: 120 }}
                  data-testid="inst-payee-name"
                />
              </Form.Item>
            </Form>
          )}
          <Checkbox
            checked={consent}
            onChange={(e) => setConsent(e.target.checked)}
            style={{ marginTop: 12 }}
            data-testid="inst-consent"
          >
            {t(
              '已向客户完整告知上述利息与年化利率,客户明确同意办理',
              'The customer was told the interest and APR above and agrees',
            )}
          </Checkbox>
        </div>
      )}
    </Modal>
  );
}

/**
 * Creating a plan needs the level the bank's table sets (strong: the SMS code): said before the quote, with
 * the code sent in one click, so the agent does not find out after quote, consent and confirm.
 */
function RequiredLevel({
  contactId,
  verification,
}: {
  contactId: string;
  verification: {
    level: string;
    required: string | undefined;
    /** A phone call: the caller can key a code in (a chat has no keypad). */
    keypad: boolean;
  };
}) {
  const t = useT();
  const otp = useAction((key) => sendOtp(key, contactId));
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { level, required } = verification;
  if (!required || levelReaches(level, required)) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="inst-required-level"
      message={`${t('办理分期需', 'Creating a plan needs')} ${t(...(LEVEL_TEXT[required] ?? [required, required]))},${t('当前', 'now')} ${t(...(LEVEL_TEXT[level] ?? [level, level]))}`}
      description={
        sentTo
          ? `${t('验证码已发送至', 'Code sent to')} ${sentTo},${t('请客户在话机键盘上输入(勿请客户读出)', 'the caller keys it in on the phone keypad (never read out)')}`
          : undefined
      }
      action={
        // A chat has no keypad: no code is sent there (the customer could only type it into the chat).
        verification.keypad && (
          <Button
            size="small"
            onClick={async () => setSentTo((await otp.run())?.sentTo ?? null)}
            loading={otp.busy}
            disabled={sentTo !== null}
            data-testid="inst-send-otp"
          >
            {t('发送短信验证码', 'Send the SMS code')}
          </Button>
        )
      }
    />
  );
}
