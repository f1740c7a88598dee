import { LogoutOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@carddesk/contracts/vocabulary';
import { Badge, Button, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { logout as signOut } from '../../api/auth.ts';
import { clearLocalWork } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { closeStaffLive, type LiveStatus } from '../../app/live.ts';
import { type Session, setSession } from '../../app/session.ts';
import { LocaleSwitch } from './LocaleSwitch.tsx';

/** The top bar every staff portal shares: product, live status, who is signed in, language, sign-out. */
export function StaffHeader({
  session,
  live,
  children,
}: {
  session: Session;
  live?: LiveStatus;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const { user } = session;
  const role = ROLE_LABELS[user.role];
  const logout = async () => {
    // What the agent typed (notes, replies, forms per contact) must not outlive the session on a shared
    // or lost device: every draft and the remembered open contact go with the sign-out — first, before
    // the server is asked, so that no answer arriving meanwhile (a 401 that ends the session on its own)
    // can show the sign-in page with the drafts still on the device.
    clearLocalWork(user.id);
    closeStaffLive();
    try {
      await signOut();
    } catch {
      // Signing out locally is what matters; the session expires on the server anyway.
    }
    setSession(null);
  };
  return (
    <header
      style={{
        height: 48,
        display: 'flex',
        alignItems: 'center',
        gap: 16,
        padding: '0 16px',
        background: '#14335f',
        color: '#fff',
        flex: '0 0 auto',
      }}
    >
      <Typography.Text strong style={{ color: '#fff', fontSize: 15, whiteSpace: 'nowrap' }}>
        CardDesk · {t('信用卡客服工作台', 'Card service desk')}
      </Typography.Text>
      <div style={{ flex: 1, display: 'flex', alignItems: 'center', gap: 12, minWidth: 0 }}>{children}</div>
      {live && (
        <Tooltip title={t('实时连接', 'Live connection')}>
          <Badge
            status={live === 'open' ? 'success' : live === 'connecting' ? 'processing' : 'error'}
            text={
              <span style={{ color: '#cfd8e6', fontSize: 12 }}>
                {live === 'open'
                  ? t('实时', 'Live')
                  : live === 'connecting'
                    ? t('连接中', 'Connecting')
                    : t('离线', 'Offline')}
              </span>
            }
          />
        </Tooltip>
      )}
      <Space size={8} style={{ whiteSpace: 'nowrap' }}>
        <span data-testid="whoami">
          {user.displayName}
          {user.agentNo ? ` · ${t('工号', 'ID')} ${user.agentNo}` : ''}
        </span>
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
          {t(role.zh, role.en)}
        </Tag>
        <LocaleSwitch />
        <Tooltip title={t('退出登录', 'Sign out')}>
          <Button
            size="small"
            type="text"
            icon={<LogoutOutlined style={{ color: '#fff' }} />}
            onClick={logout}
            aria-label={t('退出登录', 'Sign out')}
          />
        </Tooltip>
      </Space>
    </header>
  );
}
