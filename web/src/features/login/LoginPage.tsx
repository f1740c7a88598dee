import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { login } from '../../api/auth.ts';
import { ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { setSession } from '../../app/session.ts';
import { LocaleSwitch } from '../shared/LocaleSwitch.tsx';

/** Staff sign-in. The customer chat is a separate page (`/chat`) linked from here for demos. */
export default function LoginPage() {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await login(values);
      setSession(answer);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        background: 'linear-gradient(160deg, #e8eef8 0%, #f7f9fc 60%)',
      }}
    >
      <Card
        style={{ width: 360 }}
        title={t('CardDesk 信用卡客服工作台', 'CardDesk card service desk')}
        extra={<LocaleSwitch />}
      >
        <Form layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item
            label={t('用户名', 'Username')}
            name="username"
            rules={[{ required: true, message: t('请输入用户名', 'Enter your username') }]}
          >
            <Input autoFocus autoComplete="username" data-testid="login-username" />
          </Form.Item>
          <Form.Item
            label={t('密码', 'Password')}
            name="password"
            rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('登录', 'Sign in')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('持卡人在线客服请访问', 'Card holders: online service at')} <a href="/chat">/chat</a>
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
