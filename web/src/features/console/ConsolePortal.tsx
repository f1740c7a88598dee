import {
  AuditOutlined,
  BookOutlined,
  DashboardOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import type { Permission } from '@carddesk/contracts';
import { Layout, Menu, Result, Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { useLive } from '../../app/live.ts';
import { may } from '../../app/permissions.ts';
import { Link, usePath } from '../../app/router.tsx';
import type { Session } from '../../app/session.ts';
import { StaffHeader } from '../shared/StaffHeader.tsx';

// Each page is its own chunk: only the dashboard pulls in ECharts.
const SupervisorDashboard = lazy(() => import('../supervisor/SupervisorDashboard.tsx'));
const KnowledgeEditor = lazy(() => import('../knowledge/KnowledgeEditor.tsx'));
const AdminPage = lazy(() => import('../admin/AdminPage.tsx'));
const ExtensionApprovals = lazy(() => import('../cases/ExtensionApprovals.tsx'));
const QualityPortal = lazy(() => import('../quality/QualityPortal.tsx'));

interface Section {
  path: string;
  /** Shown to whoever holds any of these (what the page's own requests need). */
  needs: readonly Permission[];
  icon: ReactNode;
  label: [string, string];
}

const SECTIONS: readonly Section[] = [
  {
    path: '/supervisor',
    needs: ['contacts.stats'],
    icon: <DashboardOutlined />,
    label: ['监控看板', 'Dashboard'],
  },
  {
    path: '/kb',
    // The editors' work list: writers and reviewers.
    needs: ['kb.write', 'kb.review'],
    icon: <BookOutlined />,
    label: ['知识库', 'Knowledge'],
  },
  {
    path: '/qa',
    // Inspectors, the QA lead and the supervisors who rule on appeals.
    needs: ['qa.inspect', 'qa.review', 'qa.appeal.rule'],
    icon: <SafetyCertificateOutlined />,
    label: ['智能质检', 'Quality'],
  },
  { path: '/admin', needs: ['users.manage'], icon: <SettingOutlined />, label: ['系统管理', 'Administration'] },
  // The head office approves complaint extensions and nothing else (policy: cases.approve_extension).
  {
    path: '/head-office',
    needs: ['cases.approve_extension'],
    icon: <AuditOutlined />,
    label: ['延期审批', 'Extension approvals'],
  },
];

/** The supervisor / knowledge / admin portal: one layout, a menu by permission, one page per section. */
export default function ConsolePortal({ session }: { session: Session }) {
  const { t } = useI18n();
  const path = usePath();
  // One's own topic keeps the live connection up (and shows its state) on every console page.
  const live = useLive([`user:${session.user.id}`], () => {});
  const allowed = SECTIONS.filter((s) => s.needs.some((p) => may(session, p)));
  const current = allowed.find((s) => path.startsWith(s.path));

  let page: ReactNode;
  if (!current) {
    page = (
      <Result
        status="403"
        title={t('没有可访问的页面', 'Nothing to show here')}
        subTitle={t(
          '请从左侧菜单选择,或使用有权限的账号登录。',
          'Pick a page on the left or sign in with another role.',
        )}
        extra={
          allowed[0] ? (
            <Link to={allowed[0].path}>
              {t('前往', 'Go to')} {t(...allowed[0].label)}
            </Link>
          ) : null
        }
      />
    );
  } else if (current.path === '/supervisor') page = <SupervisorDashboard session={session} />;
  else if (current.path === '/kb') page = <KnowledgeEditor session={session} />;
  else if (current.path === '/qa') page = <QualityPortal session={session} />;
  else if (current.path === '/head-office') page = <ExtensionApprovals session={session} />;
  else page = <AdminPage session={session} />;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <a className="cd-skip" href="#main">
        {t('跳到主要内容', 'Skip to content')}
      </a>
      <StaffHeader session={session} live={live} />
      <Layout style={{ flex: 1, minHeight: 0 }}>
        <Layout.Sider width={168} theme="light" style={{ borderRight: '1px solid #e5e7eb' }}>
          <Menu
            mode="inline"
            selectedKeys={current ? [current.path] : []}
            items={allowed.map((s) => ({ key: s.path, icon: s.icon, label: <Link to={s.path}>{t(...s.label)}</Link> }))}
            style={{ borderInlineEnd: 0 }}
          />
        </Layout.Sider>
        <Layout.Content id="main" style={{ overflow: 'auto', padding: 16 }}>
          <Suspense fallback={<Spin style={{ margin: 48 }} />}>{page}</Suspense>
        </Layout.Content>
      </Layout>
    </div>
  );
}
