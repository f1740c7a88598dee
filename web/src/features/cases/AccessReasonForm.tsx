import { ACCESS_REASON_CODES, ACCESS_REASON_LABELS, ACCESS_REASON_MIN_TEXT } from '@carddesk/contracts/access';
import { Alert, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';

/** Whether an API refusal asks for a supervisor's written access reason (missing or malformed). */
export function needsAccessReason(error: { code: string } | undefined): boolean {
  return error?.code === 'REASON_REQUIRED' || error?.code === 'ACCESS_REASON_INVALID';
}

/**
 * A supervisor opening a customer's data outside any contact says why: a reason code from the contracts'
 * list and a free text, sent as `X-Access-Reason: <code>: <text>` and kept in the audit record.
 */
export function AccessReasonForm({ onSubmit, invalid }: { onSubmit(reason: string): void; invalid: boolean }) {
  const { t, locale } = useI18n();
  const [code, setCode] = useState<string | undefined>();
  const [text, setText] = useState('');
  const long = [...text.trim()].length >= ACCESS_REASON_MIN_TEXT;
  return (
    <Form
      layout="vertical"
      data-testid="access-reason-form"
      onFinish={() => code && onSubmit(`${code}: ${text.trim()}`)}
    >
      <Alert
        type={invalid ? 'error' : 'info'}
        showIcon
        style={{ marginBottom: 12 }}
        message={t(
          '查看该客户信息需说明理由,将记入审计日志',
          "Viewing this customer's data needs a reason; it is kept in the audit log",
        )}
      />
      <Form.Item label={t('理由类别', 'Reason')} required>
        <Select
          value={code}
          onChange={setCode}
          data-testid="access-reason-code"
          placeholder={t('请选择', 'Choose')}
          options={ACCESS_REASON_CODES.map((c) => ({
            value: c,
            label: ACCESS_REASON_LABELS[c][locale === 'en' ? 1 : 0],
          }))}
        />
      </Form.Item>
      <Form.Item
        label={t(
          `具体说明(至少${ACCESS_REASON_MIN_TEXT}个字)`,
          `What and for whom (${ACCESS_REASON_MIN_TEXT}+ characters)`,
        )}
        required
      >
        <Input.TextArea
          rows={2}
          maxLength={300}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="access-reason-text"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" disabled={!code || !long} data-testid="access-reason-submit">
        {t('查看', 'Open')}
      </Button>
    </Form>
  );
}
