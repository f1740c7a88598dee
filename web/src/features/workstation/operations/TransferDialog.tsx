import { Alert, Descriptions, Form, Input, Modal, Select, Tag } from 'antd';
import { type Contact, type TransferInput, transfer } from '../../../api/contacts.ts';
import { useAction, useDraft, useLoad } from '../../../app/hooks.ts';
import { useI18n } from '../../../app/i18n.tsx';
import type { Session } from '../../../app/session.ts';
import { listDepartments } from '../../admin/admin.api.ts';
import { testId } from '../../shared/format.ts';
import { intentLabel, typeLabel } from '../../shared/taxonomy.ts';
import { LEVEL_TEXT, METHOD_TEXT } from '../contact/stages.ts';

/**
 * Transfer with a hand-over packet (guide §3.4): who the customer is, how they were verified, what was said
 * and done travel with the contact, so the receiving desk never asks again. The server assembles the packet
 * from the record; the agent adds the reason and a note.
 */
export function TransferDialog({
  open,
  contact,
  onClose,
  onDone,
}: {
  open: boolean;
  contact: Contact;
  session: Session;
  onClose(): void;
  onDone(): void;
}) {
  const { t, locale } = useI18n();
  const departments = useLoad(open ? (s) => listDepartments(s) : null, [open]);
  const [draft, setDraft, clearDraft] = useDraft(`contact.${contact.id}.transfer`, {
    target: 'disputes',
    reason: '',
    note: '',
  });
  const [notes] = useDraft(`contact.${contact.id}.notes`, '');
  const send = useAction((key, input: TransferInput) => transfer(key, contact.id, input), {
    success: t('已转接,交接单已送达', 'Transferred with the hand-over packet'),
  });
  const submit = async () => {
    const target: TransferInput['target'] =
      draft.target === 'general' ? { kind: 'queue', code: 'general' } : { kind: 'department', code: draft.target };
    // The reason leads the note the receiver reads first; the agent's notes follow.
    const note = [draft.reason.trim(), draft.note.trim(), notes.trim()].filter(Boolean).join('\n');
    const done = await send.run({ target, note });
    if (done) {
      clearDraft();
      onDone();
    }
  };
  return (
    <Modal
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText={t('转接', 'Transfer')}
      okButtonProps={{ disabled: draft.reason.trim().length < 2, ...testId('transfer-submit') }}
      confirmLoading={send.busy}
      title={t('转接与交接单', 'Transfer with hand-over')}
      width={600}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('转至', 'To')} required>
          <Select
            value={draft.target}
            onChange={(v) => setDraft((d) => ({ ...d, target: v }))}
            data-testid="transfer-target"
            options={[
              { value: 'general', label: t('退回公共队列', 'Back to the general queue') },
              ...(departments.data ?? []).map((d) => ({ value: d.code, label: locale === 'en' ? d.nameEn : d.nameZh })),
            ]}
          />
        </Form.Item>
        <Form.Item label={t('转接原因', 'Reason')} required>
          <Input
            value={draft.reason}
            onChange={(e) => setDraft((d) => ({ ...d, reason: e.target.value }))}
            maxLength={200}
            data-testid="transfer-reason"
          />
        </Form.Item>
        <Form.Item label={t('补充说明', 'Note')}>
          <Input.TextArea
            rows={2}
            value={draft.note}
            onChange={(e) => setDraft((d) => ({ ...d, note: e.target.value }))}
            maxLength={1000}
          />
        </Form.Item>
      </Form>
      <Descriptions size="small" bordered column={1} title={t('交接单将包含', 'The packet carries')}>
        <Descriptions.Item label={t('核身情况', 'Verification')}>
          {t(...(LEVEL_TEXT[contact.verification.level] ?? ['', '']))}{' '}
          {contact.verification.methods.map((m) => (
            <Tag key={m}>{t(...(METHOD_TEXT[m] ?? [m, m]))}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('联络分类', 'Classification')}>
          {typeLabel(contact.type, locale)} {contact.intents.map((i) => intentLabel(i, locale)).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label={t('小记', 'Notes')}>
          <span className="cd-pre">{notes || '—'}</span>
        </Descriptions.Item>
      </Descriptions>
      {send.error && <Alert type="error" showIcon role="alert" message={send.error.message} style={{ marginTop: 8 }} />}
    </Modal>
  );
}
