import { Alert, Form, Input, Modal } from 'antd';
import { type Contact, startPhoneCall } from '../../api/contacts.ts';
import { useAction } from '../../app/hooks.ts';
import { useT } from '../../app/i18n.tsx';
import { testId } from '../shared/format.ts';

/**
 * A stand-in for the telephony integration: the agent types the caller's number and the call starts as a
 * real phone contact; the server looks the number up and pops the customer (identified, not verified).
 */
export function SimulateCallDialog({
  open,
  onClose,
  onStarted,
}: {
  open: boolean;
  onClose(): void;
  onStarted(c: Contact): void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ callerNumber: string }>();
  const start = useAction((key, n: string) => startPhoneCall(key, n), { silent: true });
  const submit = async () => {
    const { callerNumber } = await form.validateFields();
    const answer = await start.run(callerNumber.replace(/\s+/g, ''));
    if (answer) {
      form.resetFields();
      onClose();
      onStarted(answer.contact);
    }
  };
  return (
    <Modal
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText={t('接通', 'Answer')}
      confirmLoading={start.busy}
      title={t('模拟来电', 'Simulate an inbound call')}
      destroyOnHidden
      okButtonProps={{ ...testId('call-answer') }}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="callerNumber"
          label={t('来电号码', 'Caller number')}
          rules={[
            { required: true, message: t('请输入来电号码', 'Enter the caller number') },
            { pattern: /^\+?[\d\s-]{7,20}$/, message: t('号码格式不正确', 'Not a phone number') },
          ]}
          extra={t(
            '接通后系统按来电号码弹出客户信息(仅识别,尚未核身)。',
            'The customer pops up by number: identified, not verified.',
          )}
        >
          <Input autoFocus inputMode="tel" autoComplete="off" data-testid="caller-number" />
        </Form.Item>
      </Form>
      {start.error && <Alert type="error" showIcon message={start.error.message} role="alert" />}
    </Modal>
  );
}
