import { DeleteOutlined, EditOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Button, Input, List, Popover, Space, Typography } from 'antd';
import { useState } from 'react';
import { deleteCannedReply, listCannedReplies, saveCannedReply } from '../../../api/contacts.ts';
import { useAction, useLoad } from '../../../app/hooks.ts';
import { useT } from '../../../app/i18n.tsx';
import { may } from '../../../app/permissions.ts';
import type { Session } from '../../../app/session.ts';

/** 常用语 beside the reply box: a click puts the text into the reply; the team's leads edit the list here. */
export function CannedReplies({ session, onPick }: { session: Session; onPick(text: string): void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const list = useLoad(open ? (s) => listCannedReplies(s) : null, [open]);
  // Who edits the team's list (the server checks it too; this only hides the form from others).
  const editor = may(session, 'contacts.canned_edit');
  const [form, setForm] = useState<{ id: string | null; title: string; text: string }>({
    id: null,
    title: '',
    text: '',
  });
  const save = useAction((key, f: typeof form) => saveCannedReply(key, f.id, { title: f.title, text: f.text }), {
    success: t('已保存', 'Saved'),
  });
  const remove = useAction((key, id: string) => deleteCannedReply(key, id));
  const content = (
    <div style={{ width: 360 }} data-testid="canned-replies">
      <List
        size="small"
        loading={list.loading}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('本组还没有常用语', 'No canned replies yet') }}
        style={{ maxHeight: 260, overflowY: 'auto' }}
        renderItem={(c) => (
          <List.Item
            style={{ cursor: 'pointer', padding: '6px 4px' }}
            onClick={() => {
              onPick(c.text);
              setOpen(false);
            }}
            data-testid="canned-reply"
            actions={
              editor
                ? [
                    <EditOutlined
                      key="edit"
                      aria-label={t('编辑', 'Edit')}
                      onClick={(e) => {
                        e.stopPropagation();
                        setForm({ id: c.id, title: c.title, text: c.text });
                      }}
                    />,
                    <DeleteOutlined
                      key="delete"
                      aria-label={t('删除', 'Delete')}
                      onClick={(e) => {
                        e.stopPropagation();
                        void remove.run(c.id).then(list.reload);
                      }}
                    />,
                  ]
                : []
            }
          >
            <div>
              <Typography.Text strong>{c.title}</Typography.Text>
              <div className="cd-muted" style={{ fontSize: 12 }}>
                {c.text}
              </div>
            </div>
          </List.Item>
        )}
      />
      {editor && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Input
            size="small"
            placeholder={t('标题', 'Title')}
            value={form.title}
            maxLength={40}
            onChange={(e) => setForm((f) => ({ ...f, title: e.target.value }))}
            data-testid="canned-title"
          />
          <Input.TextArea
            rows={2}
            placeholder={t('常用语内容', 'Reply text')}
            value={form.text}
            maxLength={500}
            onChange={(e) => setForm((f) => ({ ...f, text: e.target.value }))}
            data-testid="canned-text"
          />
          <Button
            size="small"
            type="primary"
            disabled={!form.title.trim() || !form.text.trim()}
            loading={save.busy}
            data-testid="canned-save"
            onClick={async () => {
              if (await save.run(form)) {
                setForm({ id: null, title: '', text: '' });
                list.reload();
              }
            }}
          >
            {form.id ? t('保存修改', 'Save') : t('新增常用语', 'Add')}
          </Button>
        </Space>
      )}
    </div>
  );
  return (
    <Popover open={open} onOpenChange={setOpen} trigger="click" content={content} title={t('常用语', 'Canned replies')}>
      <Button icon={<ThunderboltOutlined />} data-testid="canned-open">
        {t('常用语', 'Canned')}
      </Button>
    </Popover>
  );
}
