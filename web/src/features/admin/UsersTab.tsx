import { PlusOutlined } from '@ant-design/icons';
import type { Role, User } from '@carddesk/contracts';
import { ROLE_LABELS } from '@carddesk/contracts/vocabulary';
import { Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useAction, useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { createUser, type Department, listRoles, listUsers, type NewUser } from './admin.api.ts';

/** Users and their roles: list and create (the server enforces password strength and department rules). */
export function UsersTab({ departments }: { departments: Department[] }) {
  const { t, locale } = useI18n();
  const users = useLoad((s) => listUsers(s), []);
  // The roles as the server's policy defines them: which exist and which need a department.
  const roles = useLoad((s) => listRoles(s), []);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NewUser>();
  const role = Form.useWatch('role', form) as Role | undefined;
  const create = useAction((key, body: NewUser) => createUser(key, body), {
    success: t('已创建用户', 'User created'),
  });
  const deptName = (id: string | null) => {
    const d = departments.find((x) => x.id === id);
    return d ? (locale === 'en' ? d.nameEn : d.nameZh) : '';
  };
  const submit = async () => {
    const values = await form.validateFields();
    const created = await create.run({
      ...values,
      agentNo: values.agentNo || null,
      departmentId: values.departmentId || null,
    });
    if (created) {
      setOpen(false);
      form.resetFields();
      users.reload();
    }
  };
  return (
    <>
      <ErrorNote error={users.error} retry={users.reload} />
      <ErrorNote error={roles.error} retry={roles.reload} />
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
          {t('新建用户', 'New user')}
        </Button>
      </Space>
      <Table<User>
        size="small"
        rowKey="id"
        loading={users.loading}
        dataSource={users.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('用户名', 'Username'), dataIndex: 'username' },
          { title: t('姓名', 'Name'), dataIndex: 'displayName' },
          {
            title: t('角色', 'Role'),
            dataIndex: 'role',
            render: (r: Role) => <Tag>{t(ROLE_LABELS[r].zh, ROLE_LABELS[r].en)}</Tag>,
          },
          { title: t('工号', 'Agent ID'), dataIndex: 'agentNo', render: (v: string | null) => v ?? '—' },
          {
            title: t('部门', 'Department'),
            dataIndex: 'departmentId',
            render: (v: string | null) => deptName(v) || '—',
          },
        ]}
      />
      <Modal
        title={t('新建用户', 'New user')}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={submit}
        confirmLoading={create.busy}
        okText={t('创建', 'Create')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ role: 'agent' }}>
          <Form.Item
            name="username"
            label={t('用户名', 'Username')}
            rules={[
              {
                required: true,
                pattern: /^[a-z][a-z0-9_.-]{2,31}$/,
                message: t('3–32 位小写字母、数字', '3–32 lower-case letters or digits'),
              },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t('姓名', 'Name')} rules={[{ required: true, max: 40 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="role" label={t('角色', 'Role')} rules={[{ required: true }]}>
            <Select
              loading={roles.loading}
              options={(roles.data ?? []).map(({ role: r }) => ({
                value: r,
                label: t(ROLE_LABELS[r].zh, ROLE_LABELS[r].en),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="agentNo"
            label={t('工号', 'Agent ID')}
            rules={[{ pattern: /^\d{4,8}$/, message: t('4–8 位数字', '4–8 digits') }]}
          >
            <Input />
          </Form.Item>
          {roles.data?.find((r) => r.role === role)?.needsDepartment && (
            <Form.Item name="departmentId" label={t('所属部门', 'Department')} rules={[{ required: true }]}>
              <Select
                options={departments.map((d) => ({ value: d.id, label: locale === 'en' ? d.nameEn : d.nameZh }))}
              />
            </Form.Item>
          )}
          <Form.Item
            name="password"
            label={t('初始密码', 'Initial password')}
            extra={t('至少 10 位,含字母和数字', 'At least 10 characters with letters and digits')}
            rules={[{ required: true, min: 10 }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
