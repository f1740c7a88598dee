import { Modal, Table } from 'antd';
import { useT } from '../../app/i18n.tsx';

/** The keyboard shortcuts of the workstation (F1). */
export const SHORTCUTS: Array<{ keys: string; zh: string; en: string }> = [
  {
    keys: 'F2 → Enter',
    zh: '紧急冻结当前卡片(挂失/盗刷,Enter 确认)',
    en: 'Emergency: freeze the selected card (Enter confirms)',
  },
  { keys: 'Ctrl+K', zh: '知识库搜索', en: 'Knowledge search' },
  { keys: 'Alt+1 … Alt+6', zh: '切换服务环节:开场→核身→了解需求→处理→确认满意→结束', en: 'Service stage 1–6' },
  { keys: 'Alt+N', zh: '模拟来电', en: 'Simulate an inbound call' },
  { keys: 'Alt+C', zh: '受理投诉', en: 'Open a complaint' },
  { keys: 'Alt+T', zh: '转接(附交接单)', en: 'Transfer with hand-over packet' },
  { keys: 'Enter', zh: '发送消息(Shift+Enter 换行)', en: 'Send the message (Shift+Enter: new line)' },
  { keys: 'F1', zh: '快捷键说明', en: 'This help' },
];

export function ShortcutHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  const t = useT();
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('快捷键', 'Keyboard shortcuts')}>
      <Table
        size="small"
        pagination={false}
        rowKey="keys"
        dataSource={SHORTCUTS}
        columns={[
          { title: t('按键', 'Keys'), dataIndex: 'keys', render: (k: string) => <kbd className="cd-kbd">{k}</kbd> },
          { title: t('作用', 'Action'), render: (_, s) => t(s.zh, s.en) },
        ]}
      />
    </Modal>
  );
}
