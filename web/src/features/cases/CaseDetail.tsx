import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import {
  acceptCase,
  type Case,
  type CaseDetail as CaseDetailDto,
  closeCase,
  type Feedback,
  getCase,
  listRootCauses,
  notifyResult,
  recordFeedback,
  referCase,
  resolveCase,
} from '../../api/cases.ts';
import { useAction, useDraft, useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { listDepartments } from '../admin/admin.api.ts';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { dateTime } from '../shared/format.ts';
import { label } from '../shared/labels.ts';
import { intentLabel } from '../shared/taxonomy.ts';
import { useDepartmentLabel } from '../shared/useDepartmentLabel.ts';
import { AccessReasonForm, needsAccessReason } from './AccessReasonForm.tsx';
import { FEEDBACK_TEXT, feedbackText, stateText } from './caseText.ts';
import { DeadlineTag } from './DeadlineTag.tsx';
import { casesChanged } from './events.ts';

/**
 * One case and the next step of its closed loop (guide §3.2): refer with a hand-over → the department
 * accepts and answers → the customer is told the result → closed with their feedback, root cause and
 * remediation. Only the step the state allows is offered; the server checks who may take it.
 */
export function CaseDetail({ caseId, onChanged }: { caseId: string; onChanged?(): void }) {
  const { t, locale } = useI18n();
  // A supervisor outside the customer-access rules names a reason first (asked for when the server says so).
  const [accessReason, setAccessReason] = useState<string | undefined>();
  const department = useDepartmentLabel();
  const detail = useLoad((s) => getCase(caseId, { accessReason }, s), [caseId, accessReason]);
  // The case as the last action returned it. Closing ends a handler's access to the customer, so the
  // reload after it may be refused: the screen then keeps showing the closed case it was given.
  const [latest, setLatest] = useState<Case | null>(null);
  const refresh = (updated: Case) => {
    setLatest(updated);
    detail.reload();
    onChanged?.();
  };
  const fresh = detail.data && (!latest || detail.data.state === latest.state) ? detail.data : undefined;
  const c: CaseDetailDto | undefined = fresh ?? (detail.data && latest ? { ...detail.data, ...latest } : detail.data);
  const accessEnded = latest?.state === 'closed' && detail.error?.status === 403;
  return (
    <div data-testid="case-detail">
      {needsAccessReason(detail.error) ? (
        <AccessReasonForm invalid={accessReason !== undefined} onSubmit={setAccessReason} />
      ) : (
        <ErrorNote error={accessEnded ? undefined : detail.error} retry={detail.reload} />
      )}
      {accessEnded && (
        <Alert
          type="success"
          showIcon
          message={t('已结案,工单已移出您的待办', 'Closed: the case has left your work list')}
        />
      )}
      {detail.loading && !c && <Spin />}
      {c && (
        <>
          <Space align="baseline" wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>
              <span className="cd-mono">{c.number}</span>
            </Typography.Title>
            <Tag color={stateText(c.state)[2]} data-testid="case-state" data-state={c.state}>
              {t(stateText(c.state)[0], stateText(c.state)[1])}
            </Tag>
            <DeadlineTag dueDate={c.dueDate} closed={c.state === 'closed'} />
            {c.priority === 'urgent' && <Tag color="red">{t('紧急', 'Urgent')}</Tag>}
          </Space>
          <Descriptions size="small" column={2} bordered style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('类别', 'Category')}>{intentLabel(c.category, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('受理时间', 'Received')}>{dateTime(c.receivedAt, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('投诉内容', 'Summary')} span={2}>
              <span className="cd-pre">{c.summary}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('客户诉求', 'Demand')} span={2}>
              <span className="cd-pre">{c.demand}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('承办部门', 'Department')}>{department(c.department)}</Descriptions.Item>
            <Descriptions.Item label={t('承诺时限', 'Promised by')}>{c.promisedDate ?? '—'}</Descriptions.Item>
            {c.resolution && (
              <Descriptions.Item label={t('处理结果', 'Resolution')} span={2}>
                <span className="cd-pre">{c.resolution}</span>
              </Descriptions.Item>
            )}
            {c.feedback && (
              <Descriptions.Item label={t('客户反馈', 'Feedback')} span={2}>
                {t(...feedbackText(c.feedback))}
              </Descriptions.Item>
            )}
          </Descriptions>
          <NextStep c={c} onDone={refresh} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('处理记录', 'History')}
          </Typography.Title>
          <Timeline
            items={c.events.map((e) => ({
              children: (
                <div>
                  <span className="cd-muted">{dateTime(e.at, locale)}</span>{' '}
                  <Tag data-testid="case-event-kind">{label('caseEvent', e.kind, locale)}</Tag>
                  {e.body && <div className="cd-pre">{e.body}</div>}
                </div>
              ),
            }))}
          />
        </>
      )}
    </div>
  );
}

function NextStep({ c, onDone }: { c: CaseDetailDto; onDone(updated: Case): void }) {
  const departmentName = useDepartmentLabel();
  const { t, locale } = useI18n();
  const departments = useLoad(c.state === 'received' || c.state === 'in_progress' ? (s) => listDepartments(s) : null, [
    c.state,
  ]);
  const causes = useLoad(c.state === 'notified' ? (s) => listRootCauses(s) : null, [c.state]);
  const [refer, setRefer] = useDraft(`case.${c.id}.refer`, {
    department: 'disputes',
    promisedDate: '',
    said: '',
    done: '',
  });
  const [result, setResult] = useDraft(`case.${c.id}.result`, '');
  const [message, setMessage] = useDraft(`case.${c.id}.message`, '');
  const [feedback, setFeedback] = useState<Feedback>('satisfied');
  const [closeForm, setCloseForm] = useDraft(`case.${c.id}.close`, { rootCause: '', remediation: '' });
  const doRefer = useAction((key) =>
    referCase(key, c.id, {
      department: refer.department,
      promisedDate: refer.promisedDate,
      handover: {
        ...(refer.said.trim() ? { whatWasSaid: refer.said.trim() } : {}),
        ...(refer.done.trim() ? { whatWasDone: refer.done.trim() } : {}),
      },
    }),
  );
  const doAccept = useAction((key) => acceptCase(key, c.id));
  const doResolve = useAction((key) => resolveCase(key, c.id, { result: result.trim() }));
  const doNotify = useAction((key) => notifyResult(key, c.id, message.trim() ? { message: message.trim() } : {}));
  const doFeedback = useAction((key) => recordFeedback(key, c.id, { feedback }));
  const doClose = useAction((key) =>
    closeCase(key, c.id, {
      ...(closeForm.rootCause ? { rootCause: closeForm.rootCause } : {}),
      ...(closeForm.remediation.trim() ? { remediation: closeForm.remediation.trim() } : {}),
    }),
  );
  const after = (updated: Case | undefined) => {
    if (updated) {
      onDone(updated);
      casesChanged();
    }
  };
  const box = (children: ReactNode) => (
    <div style={{ marginTop: 12, padding: 12, border: '1px solid #d6e4ff', background: '#f5f9ff', borderRadius: 4 }}>
      {children}
    </div>
  );

  switch (c.state) {
    case 'received':
      return box(
        <Form layout="vertical">
          <Space wrap>
            <Form.Item label={t('转办部门', 'Refer to')} required>
              <Select
                style={{ width: 200 }}
                value={refer.department}
                onChange={(v) => setRefer((r) => ({ ...r, department: v }))}
                options={(departments.data ?? []).map((d) => ({
                  value: d.code,
                  label: locale === 'en' ? d.nameEn : d.nameZh,
                }))}
                data-testid="refer-department"
              />
            </Form.Item>
            <Form.Item label={t('对客承诺时限', 'Promised to the customer by')} required>
              <DatePicker
                value={refer.promisedDate ? dayjs(refer.promisedDate) : null}
                onChange={(d) => setRefer((r) => ({ ...r, promisedDate: d ? d.format('YYYY-MM-DD') : '' }))}
                disabledDate={(d) => d.format('YYYY-MM-DD') > c.dueDate}
                data-testid="refer-date"
              />
            </Form.Item>
          </Space>
          <Form.Item label={t('交接:客户说了什么', 'Hand-over: what the customer said')}>
            <Input.TextArea
              rows={2}
              value={refer.said}
              onChange={(e) => setRefer((r) => ({ ...r, said: e.target.value }))}
            />
          </Form.Item>
          <Form.Item label={t('交接:已做了什么', 'Hand-over: what was done')}>
            <Input.TextArea
              rows={2}
              value={refer.done}
              onChange={(e) => setRefer((r) => ({ ...r, done: e.target.value }))}
            />
          </Form.Item>
          <Button
            type="primary"
            disabled={!refer.promisedDate}
            loading={doRefer.busy}
            onClick={async () => after(await doRefer.run())}
            data-testid="case-refer"
          >
            {t('转办', 'Refer')}
          </Button>
        </Form>,
      );
    case 'referred':
      return box(
        <Space wrap>
          <span>
            {t('已转办至', 'Referred to')} {departmentName(c.department)},
            {t('待部门受理', 'waiting for the department')}
          </span>
          <Button
            type="primary"
            loading={doAccept.busy}
            onClick={async () => after(await doAccept.run())}
            data-testid="case-accept"
          >
            {t('受理', 'Accept')}
          </Button>
        </Space>,
      );
    case 'in_progress':
    case 'under_review':
      return box(
        <Form layout="vertical">
          {c.state === 'under_review' && (
            <Alert
              type="warning"
              showIcon
              message={t('客户申请核查,请复核后重新办结', 'The customer asked for a review')}
              style={{ marginBottom: 8 }}
            />
          )}
          <Form.Item label={t('处理结果(答复客户的内容)', 'Decision (what the customer is told)')} required>
            <Input.TextArea
              rows={3}
              value={result}
              onChange={(e) => setResult(e.target.value)}
              data-testid="case-resolution"
            />
          </Form.Item>
          <Button
            type="primary"
            disabled={!result.trim()}
            loading={doResolve.busy}
            onClick={async () => after(await doResolve.run())}
            data-testid="case-resolve"
          >
            {t('办结', 'Record decision')}
          </Button>
        </Form>,
      );
    case 'resolved':
      return box(
        <Form layout="vertical">
          <Form.Item label={t('告知客户的话(可选)', 'Message to the customer (optional)')}>
            <Input.TextArea rows={2} value={message} onChange={(e) => setMessage(e.target.value)} />
          </Form.Item>
          <Button
            type="primary"
            loading={doNotify.busy}
            onClick={async () => after(await doNotify.run())}
            data-testid="case-notify"
          >
            {t('告知客户处理结果并征询反馈', 'Tell the customer and ask for feedback')}
          </Button>
        </Form>,
      );
    case 'notified':
      return box(
        c.feedback ? (
          <Form layout="vertical">
            <Form.Item label={t('根本原因', 'Root cause')} required>
              <Select
                style={{ width: 240 }}
                value={closeForm.rootCause || null}
                onChange={(v: string) => setCloseForm((f) => ({ ...f, rootCause: v }))}
                options={(causes.data ?? [])
                  .filter((r) => r.active !== false)
                  .map((r) => ({ value: r.code, label: locale === 'en' ? r.nameEn : r.nameZh }))}
                data-testid="close-root-cause"
              />
            </Form.Item>
            <Form.Item label={t('整改措施', 'Remediation')} required>
              <Input.TextArea
                rows={2}
                value={closeForm.remediation}
                onChange={(e) => setCloseForm((f) => ({ ...f, remediation: e.target.value }))}
                data-testid="close-remediation"
              />
            </Form.Item>
            <Button
              type="primary"
              disabled={!closeForm.rootCause || !closeForm.remediation.trim()}
              loading={doClose.busy}
              onClick={async () => after(await doClose.run())}
              data-testid="case-close"
            >
              {t('结案', 'Close case')}
            </Button>
          </Form>
        ) : (
          <Space wrap>
            <span>{t('客户反馈', 'Customer feedback')}</span>
            <Select
              style={{ width: 160 }}
              value={feedback}
              onChange={(v) => setFeedback(v)}
              options={Object.entries(FEEDBACK_TEXT).map(([v, l]) => ({ value: v, label: t(...l) }))}
              data-testid="close-feedback"
            />
            <Button
              type="primary"
              loading={doFeedback.busy}
              onClick={async () => after(await doFeedback.run())}
              data-testid="case-feedback"
            >
              {t('记录反馈', 'Record feedback')}
            </Button>
          </Space>
        ),
      );
    case 'closed':
      return null;
    default:
      return null;
  }
}
