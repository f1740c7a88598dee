import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useEffect, useSyncExternalStore } from 'react';
import { I18nProvider, useI18n } from './i18n.tsx';
import { homeFor } from './permissions.ts';
import { navigate, usePath } from './router.tsx';
import { getSession, subscribeSession } from './session.ts';

// Each portal is its own bundle: an agent never downloads the charts, a card holder never the workstation.
const LoginPage = lazy(() => import('../features/login/LoginPage.tsx'));
const WorkstationPortal = lazy(() => import('../features/workstation/WorkstationPortal.tsx'));
const ConsolePortal = lazy(() => import('../features/console/ConsolePortal.tsx'));
const CustomerChatPortal = lazy(() => import('../features/chat/CustomerChatPortal.tsx'));
const SurveyPage = lazy(() => import('../features/survey/SurveyPage.tsx'));

const theme = {
  token: {
    colorPrimary: '#1f5fbf',
    borderRadius: 4,
    fontSize: 13,
    fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif',
  },
  components: { Layout: { headerHeight: 48, headerPadding: '0 16px' } },
};

export function Root() {
  return (
    <I18nProvider>
      <Localised />
    </I18nProvider>
  );
}

function Localised() {
  const { locale } = useI18n();
  useEffect(() => {
    dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  }, [locale]);
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>
        <Suspense fallback={<Loading />}>
          <Portals />
        </Suspense>
      </AntApp>
    </ConfigProvider>
  );
}

function Loading() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
      <Spin />
    </div>
  );
}

function Portals() {
  const path = usePath();
  const session = useSyncExternalStore(subscribeSession, getSession);
  const needsRedirect = !path.startsWith('/chat') && session !== null && (path === '/' || path === '/login');
  useEffect(() => {
    if (needsRedirect && session) navigate(homeFor(session), { replace: true });
  }, [needsRedirect, session]);

  if (path === '/chat' || path.startsWith('/chat/')) return <CustomerChatPortal />;
  if (path.startsWith('/survey/')) return <SurveyPage />;
  if (!session) return <LoginPage />;
  if (needsRedirect) return <Loading />;
  if (path.startsWith('/desk')) return <WorkstationPortal session={session} />;
  return <ConsolePortal session={session} />;
}
