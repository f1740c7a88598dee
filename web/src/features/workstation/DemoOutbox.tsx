import { Drawer, Table, Typography } from 'antd';
import { demoOutbox } from '../../api/contacts.ts';
import { useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { dateTime } from '../shared/format.ts';

/**
 * Demo mode has no SMS gateway: the one-time codes it "sent" are listed here for staff, so a demo can sign
 * a card holder into the chat. The server offers this only in demo mode; a real deployment answers 404.
 */
export function DemoOutbox({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t, locale } = useI18n();
  const codes = useLoad(open ? (s) => demoOutbox(s) : null, [open]);
  return (
    <Drawer open={open} onClose={onClose} width={460} title={t('演示短信(验证码)', 'Demo SMS (one-time codes)')}>
      <Typography.Paragraph type="secondary">
        {t('仅演示环境可见:系统“发送”的短信验证码。', 'Demo only: the one-time codes the system "sent".')}
      </Typography.Paragraph>
      <ErrorNote error={codes.error} retry={codes.reload} />
      <Table
        size="small"
        rowKey={(r) => `${r.createdAt}${r.to}`}
        loading={codes.loading}
        pagination={false}
        dataSource={codes.data ?? []}
        columns={[
          {
            title: t('手机号', 'Mobile'),
            dataIndex: 'to',
            render: (v: string) => <span className="cd-mono">{v}</span>,
          },
          {
            title: t('验证码', 'Code'),
            dataIndex: 'code',
            render: (v: string) => (
              <strong className="cd-mono" data-testid="demo-code">
                {v}
              </strong>
            ),
          },
          { title: t('发送时间', 'Sent'), dataIndex: 'createdAt', render: (v: string) => dateTime(v, locale) },
        ]}
      />
    </Drawer>
  );
}
