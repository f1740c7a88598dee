import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Checkbox, Modal, Radio, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { type CardSummary, freezeCard } from '../../../api/cards.ts';
import {
  type EmergencyKind,
  type EmergencyReport,
  formalLossReport,
  type MarkedResult,
  markUnrecognised,
  reportEmergency,
  reportTransactions,
} from '../../../api/emergency.ts';
import { useAction, useLoad } from '../../../app/hooks.ts';
import { useI18n } from '../../../app/i18n.tsx';
import { dateTime, yuan } from '../../shared/format.ts';

const LIVE = new Set(['active', 'pending_activation']);

/**
 * The emergency lane (guide §3.3). Opening it (F2) asks one confirmation — which card, focused button,
 * Enter freezes — so a stray key press never freezes a card; no verification is needed, because money may
 * be at risk now. Then the agent records what happened (lost, stolen, fraud: a temporary block, 临时挂失,
 * and the customer gets the confirmation), the customer marks the transactions they did not make (a fraud
 * case opens with its checklist), and — once the caller is verified — the formal loss report blocks the
 * card for good and orders the replacement.
 */
export function EmergencyDialog({
  open,
  card,
  customerId,
  ctx,
  onClose,
  onDone,
}: {
  open: boolean;
  card: CardSummary;
  customerId: string;
  ctx: { contactId: string };
  onClose(): void;
  onDone(): void;
}) {
  const { t, locale } = useI18n();
  const [frozen, setFrozen] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [kind, setKind] = useState<EmergencyKind>('lost');
  const [report, setReport] = useState<EmergencyReport | null>(null);
  const [marked, setMarked] = useState<MarkedResult | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const freeze = useAction((key, id: string) => freezeCard(key, id, '紧急冻结', ctx), { silent: true });
  const file = useAction((key, k: EmergencyKind) =>
    reportEmergency(key, { customerId, cardId: card.id, kind: k }, ctx),
  );
  const mark = useAction((key, ids: string[]) => markUnrecognised(key, report?.id ?? '', ids, ctx));
  const formalize = useAction((key) => formalLossReport(key, report?.id ?? '', ctx), {
    success: t('已正式挂失,新卡已补办', 'Formally reported; replacement ordered'),
  });
  const txns = useLoad(report ? (s) => reportTransactions(report.id, ctx, s) : null, [report?.id]);
  const started = useRef<string | null>(null);

  // Freeze once the agent confirms, once per card; a card already blocked needs nothing.
  useEffect(() => {
    if (!open) {
      started.current = null;
      setConfirmed(false);
      setFrozen(false);
      setReport(null);
      setMarked(null);
      setPicked([]);
      return;
    }
    if (!LIVE.has(card.status)) {
      setFrozen(true);
      return;
    }
    if (!confirmed || started.current === card.id) return;
    started.current = card.id;
    void freeze.run(card.id).then((r) => {
      if (r !== undefined) {
        setFrozen(true);
        onDone();
      }
    });
  }, [open, confirmed, card.id, card.status, freeze.run, onDone]);

  // Enter confirms wherever the focus is inside the dialog (F2 then Enter: two deliberate keys).
  useEffect(() => {
    if (!open || confirmed || frozen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        setConfirmed(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, confirmed, frozen]);

  const fileReport = async () => {
    const r = await file.run(kind);
    if (r) {
      setReport(r);
      onDone();
    }
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={
        <span>
          {t('紧急处置', 'Emergency')} · <span className="cd-mono">{card.maskedNumber}</span>
        </span>
      }
      width={680}
      footer={
        confirmed || frozen ? (
          <Button onClick={onClose} autoFocus={report !== null}>
            {report ? t('完成', 'Done') : t('仅冻结,稍后处理', 'Freeze only; later')}
          </Button>
        ) : null
      }
    >
      <div style={{ minHeight: 56 }}>
        {!confirmed && !frozen && (
          <Space direction="vertical" data-testid="emergency-confirm">
            <Typography.Text strong>
              {t(
                '确认立即冻结这张卡?冻结后所有新交易将被拒绝。',
                'Freeze this card now? Every new transaction is declined.',
              )}{' '}
              <span className="cd-mono">{card.maskedNumber}</span>
            </Typography.Text>
            <Space>
              <Button
                danger
                type="primary"
                autoFocus
                onClick={() => setConfirmed(true)}
                data-testid="emergency-confirm-freeze"
              >
                {t('确认冻结(Enter)', 'Freeze (Enter)')}
              </Button>
              <Button onClick={onClose}>{t('取消', 'Cancel')}</Button>
            </Space>
          </Space>
        )}
        {freeze.busy && (
          <Space>
            <Spin size="small" /> {t('正在冻结…', 'Freezing…')}
          </Space>
        )}
        {freeze.error && <Alert type="error" showIcon role="alert" message={freeze.error.message} />}
        {frozen && (
          <Alert
            type="success"
            showIcon
            icon={<CheckCircleFilled />}
            data-testid="emergency-frozen"
            message={t('卡片已冻结,立即生效', 'Card frozen, effective now')}
            description={t(
              '所有新交易将被拒绝。请继续了解情况并登记。',
              'Every new transaction is declined. Now record what happened.',
            )}
          />
        )}
      </div>

      {frozen && !report && (
        <div style={{ marginTop: 12 }}>
          <Typography.Paragraph strong>{t('发生了什么?', 'What happened?')}</Typography.Paragraph>
          <Space wrap>
            <Radio.Group
              value={kind}
              onChange={(e) => setKind(e.target.value as EmergencyKind)}
              optionType="button"
              buttonStyle="solid"
            >
              <Radio.Button value="lost">{t('卡片丢失', 'Card lost')}</Radio.Button>
              <Radio.Button value="stolen">{t('卡片被盗', 'Card stolen')}</Radio.Button>
              <Radio.Button value="fraud">{t('盗刷/可疑交易', 'Fraud')}</Radio.Button>
            </Radio.Group>
            <Button
              type="primary"
              danger
              onClick={fileReport}
              loading={file.busy}
              data-testid="emergency-report"
              autoFocus
            >
              {kind === 'fraud'
                ? t('登记盗刷', 'Record fraud')
                : t('临时挂失并通知客户', 'Block temporarily and tell the customer')}
            </Button>
          </Space>
        </div>
      )}

      {report && (
        <div style={{ marginTop: 12, display: 'flex', flexDirection: 'column', gap: 12 }}>
          <Alert
            type="info"
            showIcon
            data-testid="emergency-confirmation"
            message={
              report.action === 'reported_lost'
                ? t('已正式挂失', 'Formally reported')
                : t('已临时挂失(冻结)', 'Temporarily blocked')
            }
            description={<span className="cd-pre">{report.confirmation}</span>}
          />
          {report.protection.covered && (
            <Typography.Text>
              {t('失卡保障', 'Lost-card cover')}: {report.protection.hours}h ·{' '}
              {dateTime(report.protection.from, locale)} — {dateTime(report.protection.to, locale)}
              {report.protection.maxCoverFen !== null &&
                ` · ${t('保障上限', 'covered up to')} ${yuan(report.protection.maxCoverFen)}`}
            </Typography.Text>
          )}
          {!marked ? (
            <>
              <Typography.Text strong>
                {t('请客户确认非本人交易', 'Ask which transactions the customer did not make')}
              </Typography.Text>
              <Table
                size="small"
                rowKey="id"
                loading={txns.loading}
                pagination={false}
                scroll={{ y: 200 }}
                dataSource={txns.data?.transactions ?? []}
                columns={[
                  {
                    title: '',
                    width: 36,
                    render: (_, x) => (
                      <Checkbox
                        disabled={x.alreadyDisputed || !['purchase', 'cash_advance'].includes(x.kind)}
                        checked={picked.includes(x.id)}
                        onChange={(e) =>
                          setPicked((p) => (e.target.checked ? [...p, x.id] : p.filter((i) => i !== x.id)))
                        }
                        aria-label={x.merchant ?? x.description}
                      />
                    ),
                  },
                  { title: t('日期', 'Date'), dataIndex: 'txnDate', width: 100 },
                  {
                    title: t('商户', 'Merchant'),
                    render: (_, x) => (
                      <span>
                        {x.merchant ?? x.description}{' '}
                        {x.inProtectionWindow && <Tag color="green">{t('保障期内', 'Covered')}</Tag>}
                      </span>
                    ),
                  },
                  { title: t('金额', 'Amount'), dataIndex: 'amountFen', align: 'right', render: yuan },
                ]}
              />
              <Space>
                <Button
                  danger
                  disabled={picked.length === 0}
                  loading={mark.busy}
                  onClick={async () => setMarked((await mark.run(picked)) ?? null)}
                  data-testid="emergency-mark"
                >
                  {t('登记非本人交易并立案', 'Record and open fraud case')}
                </Button>
                {report.nextStep === 'formal_loss_report' && (
                  <Button
                    loading={formalize.busy}
                    title={t('需先核实客户身份', 'The caller must be verified first')}
                    data-testid="emergency-formal-report"
                    onClick={async () => {
                      const r = await formalize.run();
                      if (r) {
                        setReport(r);
                        onDone();
                      }
                    }}
                  >
                    {t('核实身份后正式挂失并补卡', 'Formal report and replacement (after verification)')}
                  </Button>
                )}
              </Space>
            </>
          ) : (
            <Alert
              type="warning"
              showIcon
              data-testid="emergency-case"
              message={`${t('已立案', 'Fraud case')} ${marked.case.number} · ${t('处理时限', 'due')} ${marked.case.dueDate}`}
              description={<div className="cd-pre">{marked.checklist}</div>}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
