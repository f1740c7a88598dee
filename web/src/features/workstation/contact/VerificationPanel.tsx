import { CheckCircleFilled, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import {
  type Contact,
  contactsSettings,
  demoKeypad,
  type FactorKind,
  getContact,
  type Method,
  sendOtp,
  type VerifyInput,
  type VerifyResult,
  verify,
} from '../../../api/contacts.ts';
import { useAction, useLoad } from '../../../app/hooks.ts';
import { type Translate, useI18n } from '../../../app/i18n.tsx';
import { dateTime } from '../../shared/format.ts';
import { LEVEL_COLOR, LEVEL_TEXT, levelReaches, METHOD_TEXT, NEED_TEXT } from './stages.ts';

// Only what the desk never shows: the name and the mobile are on screen (masked) and prove nothing.
const FACTORS: Array<[FactorKind, string, string]> = [
  ['birth_date', '出生日期', 'Birth date'],
  ['id_last6', '证件后六位', 'ID last 6'],
];

/** A verification attempt's answer in the current language. */
function resultText(r: VerifyResult, t: Translate): string {
  if (r.success) return t('核实通过', 'Verified');
  const left = r.lockedUntil
    ? `,${t('已锁定至', 'locked until')} ${dateTime(r.lockedUntil)}`
    : `,${t('剩余次数', 'attempts left')} ${r.failuresLeft}`;
  return `${t('核实未通过', 'Not verified')}${left}`;
}

/**
 * Identity verification inside the contact: what has been checked, what it unlocks and what not yet (the
 * bank's table from the server). The agent enters what the customer says; the server compares, counts
 * failures, locks after too many, and decides the level (none / basic / strong).
 */
export function VerificationPanel({
  contact,
  onChanged,
  demo,
}: {
  contact: Contact;
  onChanged(c: Contact): void;
  /** Demo mode: no telephone network, so the agent may play the caller at the keypad. */
  demo: boolean;
}) {
  const { t } = useI18n();
  const [method, setMethod] = useState<Method>('name_id_last6');
  const [fields, setFields] = useState<Record<string, string>>({});
  // What the server answered, kept as data and worded at render time, so a language switch rewords it.
  const [otpSentTo, setOtpSentTo] = useState<string | null>(null);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const settings = useLoad((s) => contactsSettings(s), []);
  const check = useAction((key, input: VerifyInput) => verify(key, contact.id, input));
  const otp = useAction((key) => sendOtp(key, contact.id));
  const keypad = useAction((key, code: string) => demoKeypad(key, contact.id, code));
  const set = (k: string) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [k]: e.target.value }));
  const f = (k: string) => (fields[k] ?? '').trim();

  const body = (): VerifyInput => {
    switch (method) {
      case 'name_id_last6':
        return { method, name: f('name'), idLast6: f('idLast6') };
      case 'card_last4_factor':
        return {
          method,
          cardLast4: f('cardLast4'),
          factor: { kind: (f('factorKind') || 'birth_date') as FactorKind, value: f('factor') },
        };
      case 'otp':
        // Never sent: the caller keys the code in on the phone keypad (see below).
        return { method, code: '' };
      case 'caller_number':
        return { method };
    }
  };
  const submit = async () => {
    if (method === 'otp') return;
    const r = await check.run(body());
    if (!r) return setResult(null);
    setResult(r);
    setFields({});
    const fresh = await getContact(contact.id).catch(() => null);
    if (fresh) onChanged(fresh);
  };
  const sendCode = async () => {
    const r = await otp.run();
    if (r) setOtpSentTo(r.sentTo);
  };
  // Demo mode has no telephone network: the agent plays the caller at the keypad.
  const playKeypad = async () => {
    const r = await keypad.run(f('keypad'));
    if (!r) return;
    setResult(r);
    setFields({});
    const fresh = await getContact(contact.id).catch(() => null);
    if (fresh) onChanged(fresh);
  };

  const level = contact.verification.level;
  const access = Object.entries(settings.data?.accessLevels ?? {}).map(([need, required]) => ({
    need,
    required,
    granted: levelReaches(level, required),
  }));
  const passed = new Set(contact.verification.methods);
  // A one-time code proves the holder only when the caller keys it in on the phone keypad; a chat
  // customer already signed in with one.
  const methods: Method[] =
    contact.channel === 'phone'
      ? ['name_id_last6', 'card_last4_factor', 'otp']
      : ['name_id_last6', 'card_last4_factor'];
  return (
    <Card
      size="small"
      data-testid="verification-panel"
      title={
        <Space>
          {t('身份核实', 'Verification')}
          <Tag color={LEVEL_COLOR[level] ?? 'default'}>{t(...(LEVEL_TEXT[level] ?? [level, level]))}</Tag>
        </Space>
      }
      extra={
        <Space size={4} wrap>
          {[...passed].map((m) => (
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
              options={methods.map((m) => ({ value: m, label: t(...(METHOD_TEXT[m] ?? [m, m])) }))}
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
                  <Space.Compact>
                    <select
                      value={fields.factorKind ?? 'birth_date'}
                      onChange={set('factorKind')}
                      aria-label={t('辅助信息类型', 'Factor')}
                      style={{ font: 'inherit', border: '1px solid #d0d5dd', borderRadius: '4px 0 0 4px' }}
                    >
                      {FACTORS.map(([k, zh, en]) => (
                        <option key={k} value={k}>
                          {t(zh, en)}
                        </option>
                      ))}
                    </select>
                    <Input
                      size="small"
                      placeholder={t('客户报出的信息', 'What the customer says')}
                      value={fields.factor ?? ''}
                      onChange={set('factor')}
                      autoComplete="off"
                    />
                  </Space.Compact>
                </>
              )}
              {method === 'otp' && (
                <>
                  <Button size="small" onClick={sendCode} loading={otp.busy} data-testid="otp-send">
                    {t('发送验证码', 'Send code')}
                  </Button>
                  <Typography.Text type="secondary" data-testid="otp-keypad-note">
                    {otpSentTo ? `${t('验证码已发送至', 'Code sent to')} ${otpSentTo}。` : ''}
                    {t(
                      '请客户在话机键盘上输入收到的验证码;不要请客户读出验证码,坐席也不录入。',
                      'Ask the caller to key the code in on the phone keypad; never ask them to read it out, and do not type it.',
                    )}
                  </Typography.Text>
                  {demo && otpSentTo && (
                    <Space.Compact>
                      <Input
                        size="small"
                        placeholder={t('演示:客户按键输入的数字', 'Demo: the digits the caller keys in')}
                        value={fields.keypad ?? ''}
                        onChange={set('keypad')}
                        maxLength={8}
                        autoComplete="off"
                        data-testid="demo-keypad"
                      />
                      <Button size="small" onClick={playKeypad} loading={keypad.busy} data-testid="demo-keypad-send">
                        {t('模拟按键', 'Key in')}
                      </Button>
                    </Space.Compact>
                  )}
                </>
              )}
              {method !== 'otp' && (
                <Button size="small" type="primary" htmlType="submit" loading={check.busy} data-testid="verify-submit">
                  {t('核实', 'Verify')}
                </Button>
              )}
              {result && (
                <Alert
                  showIcon
                  type={result.success ? 'success' : 'error'}
                  message={resultText(result, t)}
                  role="status"
                  data-testid="verify-result"
                />
              )}
            </form>
          </div>
          <div>
            <Typography.Text type="secondary">{t('当前核身可办理', 'This level allows')}</Typography.Text>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 4 }} data-testid="access-list">
              {access.map((a) => (
                <Tooltip
                  key={a.need}
                  title={`${t('需要', 'Needs')} ${t(...(LEVEL_TEXT[a.required] ?? [a.required, a.required]))}`}
                >
                  <Tag
                    icon={a.granted ? <UnlockOutlined /> : <LockOutlined />}
                    color={a.granted ? 'green' : 'default'}
                    data-granted={a.granted}
                  >
                    {t(...(NEED_TEXT[a.need] ?? [a.need, a.need]))}
                  </Tag>
                </Tooltip>
              ))}
              {settings.error && <Typography.Text type="secondary">{settings.error.message}</Typography.Text>}
            </div>
          </div>
        </div>
      )}
    </Card>
  );
}
