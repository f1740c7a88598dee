import { Form, Input, Modal, Rate, Select } from 'antd';
import { type Contact, closeContact, type Outcome } from '../../../api/contacts.ts';
import { clearDrafts, useAction } from '../../../app/hooks.ts';
import { useT } from '../../../app/i18n.tsx';
import { OUTCOME_TEXT } from './stages.ts';

/**
 * Ending the contact: its outcome, the satisfaction the customer expressed, and — when the agent never
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
  const t = useT();
  const [form] = Form.useForm<{
    outcome: Outcome;
    satisfaction?: number;
    skipConfirmationReason?: string;
    summary?: string;
  }>();
  const confirmed = contact.stages.some((s) => s.stage === 'confirm');
  const close = useAction((key, input: Parameters<typeof closeContact>[2]) => closeContact(key, contact.id, input), {
    success: t('联络已结束', 'Contact ended'),
  });
  const submit = async () => {
    const v = await form.validateFields();
    const done = await close.run({
      outcome: v.outcome,
      ...(v.satisfaction ? { satisfaction: v.satisfaction } : {}),
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
        {t('结束语', 'Closing script')}: {contact.scripts.closing}
      </div>
      <Form form={form} layout="vertical" initialValues={{ outcome: 'resolved_first_contact', summary: notes }}>
        <Form.Item name="outcome" label={t('处理结果', 'Outcome')} rules={[{ required: true }]}>
          <Select options={Object.entries(OUTCOME_TEXT).map(([v, l]) => ({ value: v, label: t(...l) }))} />
        </Form.Item>
        {contact.channel === 'phone' && (
          <Form.Item name="satisfaction" label={t('客户满意度(客户表示)', 'Satisfaction the customer expressed')}>
            <Rate />
          </Form.Item>
        )}
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
