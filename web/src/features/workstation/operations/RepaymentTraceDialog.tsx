import { Alert, DatePicker, Form, Input, InputNumber, Modal, Result } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { type Case, openRepaymentTrace } from '../../../api/cases.ts';
import { useAction } from '../../../app/hooks.ts';
import { useI18n } from '../../../app/i18n.tsx';
import { casesChanged } from '../../cases/events.ts';
import { testId } from '../../shared/format.ts';
import type { CaseIntakeProps } from './ComplaintDialog.tsx';

/**
 * "Repayment not credited" (还款未入账): the customer paid and the money is not on the card. The desk never
 * posts a repayment (only the payment system does); it records the customer's transfer — reference, amount,
 * day — as a case, and the payment is traced from there.
 */
export function RepaymentTraceDialog({ open, contact, customerId, card, onClose, onDone }: CaseIntakeProps) {
  const { t } = useI18n();
  const [reference, setReference] = useState('');
  const [yuan, setYuan] = useState<number | null>(null);
  const [paidOn, setPaidOn] = useState<Dayjs | null>(null);
  const [paidVia, setPaidVia] = useState('');
  const [created, setCreated] = useState<Case | null>(null);
  const submit = useAction((key) =>
    openRepaymentTrace(
      key,
      {
        customerId,
        contactId: contact.id,
        ...(card ? { cardId: card.id } : {}),
        channel: contact.channel,
        transferReference: reference.trim(),
        amountFen: Math.round((yuan ?? 0) * 100),
        paidOn: paidOn?.format('YYYY-MM-DD') ?? '',
        ...(paidVia.trim() ? { paidVia: paidVia.trim() } : {}),
      },
      { contactId: contact.id },
    ),
  );
  const close = () => {
    setCreated(null);
    onClose();
  };
  const valid = reference.trim().length >= 4 && (yuan ?? 0) > 0 && paidOn !== null;
  return (
    <Modal
      open={open}
      title={t('还款未入账', 'Repayment not credited')}
      onCancel={close}
      okText={created ? t('完成', 'Done') : t('登记工单', 'Open case')}
      okButtonProps={{ disabled: !created && !valid, ...testId('repayment-trace-submit') }}
      confirmLoading={submit.busy}
      onOk={async () => {
        if (created) return close();
        const c = await submit.run();
        if (c) {
          setCreated(c);
          onDone(c);
          casesChanged();
        }
      }}
    >
      {created ? (
        <Result
          status="success"
          title={`${t('已登记', 'Recorded')}:${created.number}`}
          subTitle={`${t('转账流水号', 'Transfer reference')} ${created.transferReference ?? ''} · ${t('答复时限', 'due')} ${created.dueDate}`}
        />
      ) : (
        <Form layout="vertical">
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={t(
              '还款由支付系统入账,坐席不能登记还款;请记录客户的转账信息以便核查。',
              'Repayments are credited by the payment system, not the desk: record the transfer so it can be traced.',
            )}
          />
          <Form.Item label={t('转账流水号', 'Transfer reference')} required>
            <Input value={reference} maxLength={64} onChange={(e) => setReference(e.target.value)} />
          </Form.Item>
          <Form.Item label={t('还款金额(元)', 'Amount (yuan)')} required>
            <InputNumber min={0.01} precision={2} value={yuan} onChange={(v) => setYuan(v)} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label={t('还款日期', 'Paid on')} required>
            <DatePicker value={paidOn} onChange={(d) => setPaidOn(d)} />
          </Form.Item>
          <Form.Item label={t('还款渠道(如某银行手机银行)', 'Paid via (e.g. a bank app)')}>
            <Input value={paidVia} maxLength={100} onChange={(e) => setPaidVia(e.target.value)} />
          </Form.Item>
          {submit.error && <Alert type="error" showIcon role="alert" message={submit.error.message} />}
        </Form>
      )}
    </Modal>
  );
}
