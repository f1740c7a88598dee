import { Button, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useAction, useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { listSettings, type Setting, updateSetting } from './catalog.api.ts';

/** Rule settings: the figures the fact sheet could not confirm live here, each with its default. */
export function SettingsTab() {
  const { t } = useI18n();
  const settings = useLoad((s) => listSettings(s), []);
  const [editing, setEditing] = useState<Record<string, string>>({});
  const save = useAction((key, name: string, value: string) => updateSetting(key, name, value), {
    success: t('已保存', 'Saved'),
  });
  return (
    <>
      <ErrorNote error={settings.error} retry={settings.reload} />
      <Table<Setting>
        size="small"
        rowKey="key"
        loading={settings.loading}
        dataSource={settings.data ?? []}
        pagination={false}
        columns={[
          { title: t('设置项', 'Setting'), dataIndex: 'key', render: (v: string) => <code>{v}</code> },
          { title: t('说明', 'Meaning'), dataIndex: 'description' },
          {
            title: t('取值', 'Value'),
            render: (_, s) => (
              <Space.Compact>
                <Input
                  size="small"
                  value={editing[s.key] ?? s.value}
                  onChange={(e) => setEditing((m) => ({ ...m, [s.key]: e.target.value }))}
                  style={{ width: 160 }}
                  aria-label={s.key}
                />
                <Button
                  size="small"
                  disabled={editing[s.key] === undefined || editing[s.key] === s.value}
                  loading={save.busy}
                  onClick={async () => {
                    const v = editing[s.key];
                    if (v !== undefined && (await save.run(s.key, v))) {
                      setEditing(({ [s.key]: _, ...rest }) => rest);
                      settings.reload();
                    }
                  }}
                >
                  {t('保存', 'Save')}
                </Button>
              </Space.Compact>
            ),
          },
          {
            title: t('默认', 'Default'),
            render: (_, s) => (
              <span>
                {s.defaultValue}
                {s.unconfirmed ? (
                  <Tag color="gold" style={{ marginInlineStart: 6 }}>
                    {t('待确认', 'Unconfirmed')}
                  </Tag>
                ) : null}
              </span>
            ),
          },
        ]}
      />
    </>
  );
}
