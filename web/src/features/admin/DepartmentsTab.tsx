import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useAction } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { INTENT_OPTIONS, intentLabel } from '../shared/taxonomy.ts';
import { createDepartment, type Department } from './admin.api.ts';

/** The department directory agents refer to (guide §3.4), with the intents each handles. */
export function DepartmentsTab({ departments, reload }: { departments: Department[]; reload(): void }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Omit<Department, 'id'>>();
  const create = useAction((key, body: Omit<Department, 'id'>) => createDepartment(key, body), {
    success: t('已创建部门', 'Department created'),
  });
  const submit = async () => {
    const values = await form.validateFields();
    if (await create.run({ ...values, handles: values.handles ?? [] })) {
      setOpen(false);
      form.resetFields();
      reload();
    }
  };
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} style={{ marginBottom: 12 }}>
        {t('新建部门', 'New department')}
      </Button>
      <Table<Department>
        size="small"
        rowKey="id"
        dataSource={departments}
        pagination={false}
        columns={[
          { title: t('代码', 'Code'), dataIndex: 'code', render: (v: string) => <code>{v}</code> },
          { title: t('名称', 'Name'), render: (_, d) => (locale === 'en' ? d.nameEn : d.nameZh) },
          {
            title: t('受理事项', 'Handles'),
            dataIndex: 'handles',
            render: (hs: string[]) => hs.map((h) => <Tag key={h}>{intentLabel(h, locale)}</Tag>),
          },
        ]}
      />
      <Modal
        title={t('新建部门', 'New department')}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={submit}
        confirmLoading={create.busy}
        okText={t('创建', 'Create')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="code"
            label={t('代码', 'Code')}
            rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/ }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="nameZh" label={t('中文名称', 'Chinese name')} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('英文名称', 'English name')} rules={[{ required: true, max: 80 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="handles" label={t('受理事项', 'Handles')}>
            <Select mode="multiple" options={INTENT_OPTIONS(locale)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
