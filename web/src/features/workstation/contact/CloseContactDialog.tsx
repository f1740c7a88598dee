import { Button, Descriptions, Form, Input, Modal, Rate, Select } from 'antd';
import { useState } from 'react';
import { type Contact, closeContact, type Outcome, type SurveySent, sendSurvey } from '../../../api/contacts.ts';
import { clearDrafts, useAction } from '../../../app/hooks.ts';
import { type Translate, useI18n, useT } from '../../../app/i18n.tsx';
import { stageScript } from './scripts.ts';
import { OUTCOME_TEXT } from './stages.ts';

/**
 * What the customer said about the service in their own words (the chat's end form): shown, never typed
 * by the agent. A caller gets the satisfaction survey by SMS instead.
 */
function CustomerRating({ contact }: { contact: Contact }) {
  const t = useT();
  if (contact.channel !== 'chat') return <SurveySender contact={contact} />;
  return (
    <Descriptions size="small" column={1} style={{ marginBottom: 12 }} data-testid="close-customer-rating">
      <Descriptions.Item label={t('客户评分', "Customer's rating")}>
        {contact.satisfaction ? <Rate disabled value={contact.satisfaction} /> : t('客户未评分', 'Not rated')}
      </Descriptions.Item>
      <Descriptions.Item label={t('问题是否解决', 'Problem solved')}>{resolvedText(contact, t)}</Descriptions.Item>
    </Descriptions>
  );
}

/** A caller rates by SMS: the agent sends the survey link; the answer reaches the contact from the customer. */
function SurveySender({ contact }: { contact: Contact }) {
  const t = useT();
  const [sent, setSent] = useState<SurveySent | null>(null);
  const send = useAction((key) => sendSurvey(key, contact.id));
  if (!contact.customerId) return null;
  return (
    <div style={{ marginBottom: 12 }} data-testid="survey-sender">
      <Button
        size="small"
        onClick={async () => setSent((await send.run()) ?? null)}
        loading={send.busy}
        disabled={sent !== null}
        data-testid="survey-send"
      >
        {t('发送满意度短信', 'Text the satisfaction survey')}
      </Button>{' '}
      {sent && (
        <span className="cd-muted">
          {t('已发送至', 'Sent to')} {sent.sentTo}
          {sent.demoLink && (
            <>
              {' · '}
              <a href={sent.demoLink} target="_blank" rel="noreferrer" data-testid="survey-demo-link">
                {t('演示:打开客户收到的链接', 'Demo: open the link the customer got')}
              </a>
            </>
          )}
        </span>
      )}
    </div>
  );
}

function resolvedText(contact: Contact, t: Translate): string {
  if (contact.customerResolved === null) return t('客户未回答', 'Not answered');
  return contact.customerResolved
    ? t('客户表示已解决', 'Solved, says the customer')
    : t('客户表示未解决', 'Not solved, says the customer');
}

/**
 * Ending the contact: its outcome (starting from what happened in it), the customer's own rating, and — when the agent never
 * confirmed satisfaction — the reason why (guide §3.1 step 4; the server refuses without it).
 */
export function CloseContactDialog({
  open,
  contact,
  notes,
  onCancel,
  onClosed,
}: {
  open: boolean;
  contact: Contact;
  notes: string;
  onCancel(): void;
  onClosed(): void;
}) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<{
    outcome: Outcome;
    skipConfirmationReason?: string;
    summary?: string;
  }>();
  const confirmed = contact.stages.some((s) => s.stage === 'confirm');
  const close = useAction((key, input: Parameters<typeof closeContact>[2]) => closeContact(key, contact.id, input), {
    success: t('联络已结束', 'Contact ended'),
  });
  const submit = async () => {
    // A form that fails validation shows its messages beside the fields; nothing is sent.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const done = await close.run({
      outcome: v.outcome,
      ...(v.skipConfirmationReason ? { skipConfirmationReason: v.skipConfirmationReason } : {}),
      ...(v.summary?.trim() ? { summary: v.summary.trim() } : {}),
    });
    if (done) {
      clearDrafts(`contact.${contact.id}.`);
      onClosed();
    }
  };
  return (
    <Modal
      open={open}
      title={t('结束联络', 'End the contact')}
      onCancel={onCancel}
      onOk={submit}
      okText={t('结束', 'End')}
      confirmLoading={close.busy}
      destroyOnHidden
    >
      <div className="cd-pre" style={{ background: '#f6f8fb', padding: 8, borderRadius: 4, marginBottom: 12 }}>
        {t('结束语', 'Closing script')}:{' '}
        {stageScript({
          stage: 'closing',
          channel: contact.channel,
          type: contact.type,
          intents: contact.intents,
          agentNo: contact.agent?.agentNo ?? null,
          configured: contact.scripts,
          locale,
        })}
      </div>
      <Form form={form} layout="vertical" initialValues={{ outcome: contact.suggestedOutcome, summary: notes }}>
        <Form.Item name="outcome" label={t('处理结果', 'Outcome')} rules={[{ required: true }]}>
          <Select
            data-testid="close-outcome"
            options={Object.entries(OUTCOME_TEXT).map(([v, l]) => ({
              value: v,
              label: t(...l),
              // A case opened in the contact means it was not resolved on the spot.
              disabled: contact.suggestedOutcome === 'case_opened' && v === 'resolved_first_contact',
            }))}
          />
        </Form.Item>
        <CustomerRating contact={contact} />
        {!confirmed && (
          <Form.Item
            name="skipConfirmationReason"
            label={t('未确认满意的原因', 'Why satisfaction was not confirmed')}
            rules={[
              {
                required: true,
                min: 2,
                message: t('未经过“确认满意”环节,需填写原因', 'Required: the confirm step was skipped'),
              },
            ]}
          >
            <Input placeholder={t('例如:客户挂断', 'e.g. the customer hung up')} />
          </Form.Item>
        )}
        <Form.Item name="summary" label={t('联络摘要', 'Summary')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
