import { Alert, Form, Input, Modal, Result, Select, Switch } from 'antd';
import { useState } from 'react';
import type { CardSummary } from '../../../api/cards.ts';
import { type Case, openComplaint } from '../../../api/cases.ts';
import type { Contact } from '../../../api/contacts.ts';
import { useAction, useDraft } from '../../../app/hooks.ts';
import { useI18n } from '../../../app/i18n.tsx';
import { casesChanged } from '../../cases/events.ts';
import { testId } from '../../shared/format.ts';
import { intentLabel } from '../../shared/taxonomy.ts';

interface Draft {
  category: string;
  summary: string;
  demand: string;
  callbackPhone: string;
  onSpot: boolean;
  result: string;
}

const EMPTY: Draft = {
  category: 'complaint_service',
  summary: '',
  demand: '',
  callbackPhone: '',
  onSpot: false,
  result: '',
};
const CATEGORIES = [
  'complaint_service',
  'complaint_fee',
  'complaint_collection',
  'complaint_marketing',
  'transaction_dispute',
  'card_delivery',
  'installment_apply',
  'limit_increase',
];

/** What a dialog that opens a case from the contact is given (complaint, repayment not credited). */
export interface CaseIntakeProps {
  open: boolean;
  contact: Contact;
  customerId: string;
  card: CardSummary | undefined;
  onClose(): void;
  onDone(c: Case): void;
}

/**
 * Complaint intake (guide §3.2): the core content, the customer's demand and how to call back. Resolved on
 * the spot, or recorded with the regulatory clock running (15 days) for referral. The form is a draft per
 * contact, so a reload mid-call loses nothing.
 */
export function ComplaintDialog({ open, contact, customerId, card, onClose, onDone }: CaseIntakeProps) {
  const { t, locale } = useI18n();
  const [draft, setDraft, clearDraft] = useDraft<Draft>(`contact.${contact.id}.complaint`, EMPTY);
  const [created, setCreated] = useState<Case | null>(null);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const submit = useAction((key) =>
    openComplaint(
      key,
      {
        customerId,
        contactId: contact.id,
        ...(card ? { cardId: card.id } : {}),
        channel: contact.channel,
        category: draft.category,
        summary: draft.summary.trim(),
        demand: draft.demand.trim(),
        ...(draft.callbackPhone.trim() ? { callbackPhone: draft.callbackPhone.trim() } : {}),
        ...(draft.onSpot && draft.result.trim() ? { resolvedOnSpot: { result: draft.result.trim() } } : {}),
      },
      { contactId: contact.id },
    ),
  );
  const valid =
    draft.summary.trim().length > 0 &&
    draft.demand.trim().length > 0 &&
    (!draft.onSpot || draft.result.trim().length > 0);
  return (
    <Modal
      open={open}
      title={t('受理投诉', 'Complaint intake')}
      width={600}
      onCancel={() => {
        setCreated(null);
        onClose();
      }}
      okText={created ? t('完成', 'Done') : t('提交投诉', 'Record complaint')}
      okButtonProps={{ disabled: !created && !valid, ...testId('complaint-submit') }}
      confirmLoading={submit.busy}
      onOk={async () => {
        if (created) {
          setCreated(null);
          onClose();
          return;
        }
        const c = await submit.run();
        if (c) {
          clearDraft();
          setCreated(c);
          onDone(c);
          casesChanged();
        }
      }}
    >
      {created ? (
        <div data-testid="complaint-created">
          <Result
            status="success"
            title={`${t('投诉已受理', 'Complaint recorded')}:${created.number}`}
            subTitle={`${t('监管处理时限', 'Regulatory due date')} ${created.dueDate}`}
          />
        </div>
      ) : (
        <Form layout="vertical">
          <Form.Item label={t('投诉类别', 'Category')} required>
            <Select
              value={draft.category}
              onChange={(v) => set('category', v)}
              options={CATEGORIES.map((c) => ({ value: c, label: intentLabel(c, locale) }))}
            />
          </Form.Item>
          <Form.Item label={t('投诉内容(核心问题)', 'What happened')} required>
            <Input.TextArea
              rows={3}
              maxLength={4000}
              value={draft.summary}
              onChange={(e) => set('summary', e.target.value)}
              data-testid="complaint-summary"
            />
          </Form.Item>
          <Form.Item label={t('客户诉求', "Customer's demand")} required>
            <Input.TextArea
              rows={2}
              maxLength={2000}
              value={draft.demand}
              onChange={(e) => set('demand', e.target.value)}
              data-testid="complaint-demand"
            />
          </Form.Item>
          <Form.Item label={t('回访电话(留空则用预留手机号)', 'Call-back number (blank: registered mobile)')}>
            <Input
              value={draft.callbackPhone}
              onChange={(e) => set('callbackPhone', e.target.value)}
              inputMode="tel"
              maxLength={20}
            />
          </Form.Item>
          <Form.Item label={t('当场解决', 'Resolved on the spot')}>
            <Switch checked={draft.onSpot} onChange={(v) => set('onSpot', v)} />
          </Form.Item>
          {draft.onSpot && (
            <Form.Item label={t('处理结果(已告知客户)', 'Result given to the customer')} required>
              <Input.TextArea rows={2} value={draft.result} onChange={(e) => set('result', e.target.value)} />
            </Form.Item>
          )}
          {submit.error && <Alert type="error" showIcon role="alert" message={submit.error.message} />}
        </Form>
      )}
    </Modal>
  );
}
