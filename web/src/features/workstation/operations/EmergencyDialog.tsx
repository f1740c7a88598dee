import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Modal, Radio, Result, Space, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { type CardView, freezeCard } from '../../../api/cards.ts';
import { checklistTexts, type EmergencyResult, emergencyReport } from '../../../api/emergency.ts';
import { useAction } from '../../../app/hooks.ts';
import { useT } from '../../../app/i18n.tsx';

type Kind = 'lost' | 'stolen' | 'fraud';

/**
 * The emergency lane (guide §3.3). Opening it freezes the card at once — no confirmation, no waiting for
 * full verification — because money may be at risk now. Then the agent says what happened; the server
 * opens the fraud/loss case and sends the customer the checklist of next steps, shown here.
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
  card: CardView;
  customerId: string;
  ctx: { contactId: string };
  onClose(): void;
  onDone(): void;
}) {
  const t = useT();
  const [frozen, setFrozen] = useState<CardView | null>(null);
  const [kind, setKind] = useState<Kind>('lost');
  const [report, setReport] = useState<EmergencyResult | null>(null);
  const freeze = useAction((key, id: string) => freezeCard(key, id, 'emergency', ctx), { silent: true });
  const file = useAction((key, k: Kind) => emergencyReport(key, { customerId, cardId: card.id, kind: k }, ctx), {
    silent: true,
  });
  const started = useRef<string | null>(null);

  useEffect(() => {
    if (!open) {
      started.current = null;
      setFrozen(null);
      setReport(null);
      return;
    }
    if (started.current === card.id) return;
    started.current = card.id;
    void freeze.run(card.id).then((c) => {
      if (c) {
        setFrozen(c);
        onDone();
      }
    });
  }, [open, card.id, freeze.run, onDone]);

  const submit = async () => {
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
      title={t('紧急处置', 'Emergency')}
      width={560}
      footer={
        report ? (
          <Button type="primary" onClick={onClose} autoFocus>
            {t('完成', 'Done')}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('稍后处理', 'Later')}</Button>
            <Button
              type="primary"
              danger
              onClick={submit}
              loading={file.busy}
              disabled={!frozen}
              data-testid="emergency-report"
            >
              {t('登记并发送指引', 'Record and send guidance')}
            </Button>
          </Space>
        )
      }
    >
      {freeze.busy && (
        <Space>
          <Spin size="small" /> {t('正在冻结', 'Freezing')} {card.maskedPan}
        </Space>
      )}
      {freeze.error && <Alert type="error" showIcon role="alert" message={freeze.error.message} />}
      {frozen && (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleFilled />}
          data-testid="emergency-frozen"
          message={`${t('卡片已冻结', 'Card frozen')}:${frozen.maskedPan ?? card.maskedPan}`}
          description={t('冻结立即生效,所有交易将被拒绝。', 'Effective now: every transaction is declined.')}
          style={{ marginBottom: 12 }}
        />
      )}
      {frozen && !report && (
        <>
          <Typography.Paragraph strong>{t('发生了什么?', 'What happened?')}</Typography.Paragraph>
          <Radio.Group
            value={kind}
            onChange={(e) => setKind(e.target.value as Kind)}
            optionType="button"
            buttonStyle="solid"
          >
            <Radio.Button value="lost">{t('卡片丢失', 'Card lost')}</Radio.Button>
            <Radio.Button value="stolen">{t('卡片被盗', 'Card stolen')}</Radio.Button>
            <Radio.Button value="fraud">{t('盗刷/可疑交易', 'Fraud')}</Radio.Button>
          </Radio.Group>
          {file.error && (
            <Alert type="error" showIcon role="alert" message={file.error.message} style={{ marginTop: 12 }} />
          )}
        </>
      )}
      {report && (
        <Result
          status="success"
          style={{ padding: 8 }}
          title={report.caseNumber ? `${t('已登记', 'Recorded')}:${report.caseNumber}` : t('已登记', 'Recorded')}
          subTitle={report.sentTo ? `${t('指引已发送至', 'Guidance sent to')} ${report.sentTo}` : undefined}
        >
          <ol style={{ textAlign: 'left', margin: 0 }} data-testid="emergency-checklist">
            {checklistTexts(report.checklist).map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ol>
        </Result>
      )}
    </Modal>
  );
}
