import { CheckCircleFilled, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { type Contact, contactAccess, type Method, sendOtp, type VerifyInput, verify } from '../../../api/contacts.ts';
import { useAction, useLoad } from '../../../app/hooks.ts';
import { useI18n } from '../../../app/i18n.tsx';
import { LEVEL_COLOR, LEVEL_TEXT, METHOD_TEXT } from './stages.ts';

/**
 * Identity verification inside the contact: what has been checked, what it unlocks and what not yet.
 * The agent enters what the customer says; the server compares and decides the level (none/basic/strong).
 */
export function VerificationPanel({ contact, onChanged }: { contact: Contact; onChanged(c: Contact): void }) {
  const { t } = useI18n();
  const [method, setMethod] = useState<Method>('name_id_last6');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [otpInfo, setOtpInfo] = useState<string | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const access = useLoad(
    (s) => contactAccess(contact.id, s),
    [contact.id, contact.verification.level, contact.customerId],
  );
  const check = useAction((key, input: VerifyInput) => verify(key, contact.id, input), { silent: true });
  const otp = useAction((key) => sendOtp(key, contact.id));
  const set = (k: string) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [k]: e.target.value }));

  const submit = async () => {
    const input: VerifyInput = { method, ...fields };
    const r = await check.run(input);
    if (r) {
      setResult({
        ok: r.passed,
        text: r.passed
          ? t('核实通过', 'Verified')
          : `${t('核实未通过', 'Verification failed')}${r.attemptsLeft != null ? `,${t('剩余次数', 'attempts left')} ${r.attemptsLeft}` : ''}`,
      });
      setFields({});
      onChanged(r.contact);
    } else if (check.error) setResult({ ok: false, text: check.error.message });
  };
  const sendCode = async () => {
    const r = await otp.run();
    if (r)
      setOtpInfo(
        `${t('验证码已发送至', 'Code sent to')} ${r.sentTo}${r.demoCode ? `(${t('演示验证码', 'demo code')} ${r.demoCode})` : ''}`,
      );
  };

  const passed = new Set(contact.verification.methods);
  const methods: Method[] = ['name_id_last6', 'card_last4_factor', 'otp', 'caller_number'];
  return (
    <Card
      size="small"
      title={
        <Space>
          {t('身份核实', 'Verification')}
          <Tag color={LEVEL_COLOR[contact.verification.level] ?? 'default'}>
            {t(...(LEVEL_TEXT[contact.verification.level] ?? ['', '']))}
          </Tag>
        </Space>
      }
      extra={
        <Space size={4} wrap>
          {methods
            .filter((m) => passed.has(m))
            .map((m) => (
              <Tag key={m} icon={<CheckCircleFilled />} color="success">
                {t(...(METHOD_TEXT[m] ?? [m, m]))}
              </Tag>
            ))}
        </Space>
      }
    >
      {!contact.customerId ? (
        <Typography.Text type="secondary">
          {t(
            '尚未识别客户:请在右侧查找并关联客户后再核身。',
            'No customer identified yet: find and link the customer on the right first.',
          )}
        </Typography.Text>
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
          <div>
            <Segmented
              size="small"
              value={method}
              onChange={(v) => {
                setMethod(v as Method);
                setFields({});
                setResult(null);
              }}
              options={methods
                .filter((m) => m !== 'caller_number')
                .map((m) => ({ value: m, label: t(...(METHOD_TEXT[m] ?? [m, m])) }))}
            />
            <form
              style={{ marginTop: 8, display: 'flex', flexDirection: 'column', gap: 6 }}
              onSubmit={(e) => {
                e.preventDefault();
                void submit();
              }}
            >
              {method === 'name_id_last6' && (
                <>
                  <Input
                    size="small"
                    placeholder={t('客户姓名', 'Full name')}
                    value={fields.name ?? ''}
                    onChange={set('name')}
                    autoComplete="off"
                    data-testid="verify-name"
                  />
                  <Input
                    size="small"
                    placeholder={t('证件号后六位', 'Last 6 of ID number')}
                    value={fields.idLast6 ?? ''}
                    onChange={set('idLast6')}
                    maxLength={6}
                    autoComplete="off"
                    data-testid="verify-id6"
                  />
                </>
              )}
              {method === 'card_last4_factor' && (
                <>
                  <Input
                    size="small"
                    placeholder={t('卡号后四位', 'Card last 4')}
                    value={fields.cardLast4 ?? ''}
                    onChange={set('cardLast4')}
                    maxLength={4}
                    autoComplete="off"
                  />
                  <Input
                    size="small"
                    placeholder={t('出生日期(如 1985-03-12)', 'Birth date (e.g. 1985-03-12)')}
                    value={fields.factor ?? ''}
                    onChange={set('factor')}
                    autoComplete="off"
                  />
                </>
              )}
              {method === 'otp' && (
                <Space.Compact>
                  <Button size="small" onClick={sendCode} loading={otp.busy}>
                    {t('发送验证码', 'Send code')}
                  </Button>
                  <Input
                    size="small"
                    placeholder={t('客户报出的验证码', 'Code the customer reads out')}
                    value={fields.code ?? ''}
                    onChange={set('code')}
                    maxLength={8}
                    autoComplete="one-time-code"
                  />
                </Space.Compact>
              )}
              {method === 'otp' && otpInfo && <Typography.Text type="secondary">{otpInfo}</Typography.Text>}
              <Button size="small" type="primary" htmlType="submit" loading={check.busy} data-testid="verify-submit">
                {t('核实', 'Verify')}
              </Button>
              {result && <Alert showIcon type={result.ok ? 'success' : 'error'} message={result.text} role="status" />}
            </form>
          </div>
          <div>
            <Typography.Text type="secondary">{t('当前核身可办理', 'This level allows')}</Typography.Text>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 4 }} data-testid="access-list">
              {(access.data ?? []).map((a) => (
                <Tooltip
                  key={a.need}
                  title={`${t('需要', 'Needs')} ${t(...(LEVEL_TEXT[a.required] ?? [a.required, a.required]))}`}
                >
                  <Tag icon={a.granted ? <UnlockOutlined /> : <LockOutlined />} color={a.granted ? 'green' : 'default'}>
                    {a.label ?? a.need}
                  </Tag>
                </Tooltip>
              ))}
              {access.error && <Typography.Text type="secondary">{access.error.message}</Typography.Text>}
            </div>
          </div>
        </div>
      )}
    </Card>
  );
}
