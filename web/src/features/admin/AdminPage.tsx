import { Tabs, Typography } from 'antd';
import { useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { Session } from '../../app/session.ts';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { listDepartments } from './admin.api.ts';
import { DepartmentsTab } from './DepartmentsTab.tsx';
import { ProductsTab } from './ProductsTab.tsx';
import { SettingsTab } from './SettingsTab.tsx';
import { UsersTab } from './UsersTab.tsx';

/** Administration: users and roles, departments, card products, rule settings. */
export default function AdminPage(_: { session: Session }) {
  const { t } = useI18n();
  const departments = useLoad((s) => listDepartments(s), []);
  return (
    <section aria-labelledby="admin-title">
      <Typography.Title level={4} id="admin-title" style={{ marginTop: 0 }}>
        {t('系统管理', 'Administration')}
      </Typography.Title>
      <ErrorNote error={departments.error} retry={departments.reload} />
      <Tabs
        items={[
          {
            key: 'users',
            label: t('用户与角色', 'Users and roles'),
            children: <UsersTab departments={departments.data ?? []} />,
          },
          {
            key: 'departments',
            label: t('部门', 'Departments'),
            children: <DepartmentsTab departments={departments.data ?? []} reload={departments.reload} />,
          },
          { key: 'products', label: t('卡产品', 'Card products'), children: <ProductsTab /> },
          { key: 'settings', label: t('规则设置', 'Rule settings'), children: <SettingsTab /> },
        ]}
      />
    </section>
  );
}
