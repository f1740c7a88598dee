import { Alert, Button, Card, Descriptions, Drawer, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { approveExtension, type Case, type CaseDetail, caseItems, getCase, listCases } from '../../api/cases.ts';
import { useAction, useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { Session } from '../../app/session.ts';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { dateTime } from '../shared/format.ts';
import { useCaseColumns } from './caseColumns.tsx';

/**
 * The head-office complaint manager's page (总行投诉管理岗): the complaints whose 30-day extension a branch
 * asked for, oldest deadline first; each opens with the reason asked and is approved with a note. The
 * role may do nothing else (platform/auth/policy.ts: `cases.approve_extension`, `cases.watch`).
 */
export default function ExtensionApprovals(_: { session: Session }) {
  const { t } = useI18n();
  const columns = useCaseColumns();
  const cases = useLoad((s) => listCases({ extension: 'requested', open: 'true', limit: 200 }, s), []);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="extension-approvals">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('投诉延期审批', 'Complaint extension approvals')}
      </Typography.Title>
      <Card size="small" title={t('待审批的延期申请', 'Extensions asked for')}>
        <ErrorNote error={cases.error} retry={cases.reload} />
        <Table<Case>
          size="small"
          rowKey="id"
          loading={cases.loading}
          dataSource={caseItems(cases.data)}
          columns={columns}
          data-testid="extension-cases"
          pagination={{ pageSize: 15, hideOnSinglePage: true }}
          onRow={(c) => ({ onClick: () => setOpenId(c.id), style: { cursor: 'pointer' } })}
          locale={{ emptyText: t('暂无待审批的延期申请', 'No extension waits for approval') }}
        />
      </Card>
      <Drawer
        open={openId !== null}
        onClose={() => setOpenId(null)}
        width={560}
        title={t('延期审批', 'Extension approval')}
        destroyOnHidden
      >
        {openId && (
          <ApprovalForm
            caseId={openId}
            onDone={() => {
              setOpenId(null);
              cases.reload();
            }}
          />
        )}
      </Drawer>
    </div>
  );
}

function ApprovalForm({ caseId, onDone }: { caseId: string; onDone(): void }) {
  const { t, locale } = useI18n();
  const detail = useLoad((s) => getCase(caseId, {}, s), [caseId]);
  const [note, setNote] = useState('');
  const run = useAction((key, id: string, text: string) => approveExtension(key, id, text), {
    success: t('已批准延期', 'Extension approved'),
  });
  const c: CaseDetail | undefined = detail.data;
  const asked = c?.events.filter((e) => e.kind === 'extension_requested').at(-1);
  return (
    <>
      <ErrorNote error={detail.error} retry={detail.reload} />
      {c && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('工单号', 'Case')}>
              <span className="cd-mono">{c.number}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('投诉内容', 'Complaint')}>{c.summary}</Descriptions.Item>
            <Descriptions.Item label={t('客户诉求', 'Demand')}>{c.demand}</Descriptions.Item>
            <Descriptions.Item label={t('当前监管时限', 'Due')}>{c.dueDate}</Descriptions.Item>
            <Descriptions.Item label={t('申请理由', 'Reason asked')}>
              <span data-testid="extension-reason">{asked?.body ?? '—'}</span>
              {asked && <div className="cd-muted">{dateTime(asked.at, locale)}</div>}
            </Descriptions.Item>
          </Descriptions>
          <Alert
            type="info"
            showIcon
            style={{ margin: '12px 0' }}
            message={t(
              '批准后监管时限延长30日(合计不超过60日),系统将告知客户新的时限及原因。',
              'Approval moves the deadline by 30 days (60 at most in all); the customer is told the new date and why.',
            )}
          />
          <Input.TextArea
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('审批意见', 'Approval note')}
            data-testid="extension-note"
          />
          <Button
            type="primary"
            style={{ marginTop: 12 }}
            disabled={note.trim().length < 2}
            loading={run.busy}
            data-testid="extension-approve"
            onClick={async () => {
              if (await run.run(c.id, note.trim())) onDone();
            }}
          >
            {t('批准延期', 'Approve the extension')}
          </Button>
        </>
      )}
    </>
  );
}
