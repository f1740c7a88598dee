import { Alert, Button, Descriptions, InputNumber, Modal, Popconfirm, Segmented, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import {
  type AccountView,
  limitEligibility,
  requestPermanentLimit,
  requestTemporaryLimit,
} from '../../../api/cards.ts';
import { useAction, useLoad } from '../../../app/hooks.ts';
import { useT } from '../../../app/i18n.tsx';
import { yuan } from '../../shared/format.ts';

const REASONS: Record<string, [string, string]> = {
  not_activated: ['卡片尚未激活', 'The card is not activated'],
  overdue: ['账户当前逾期', 'The account is overdue'],
  missed_minimum: ['近期账单有未还最低还款', 'A recent minimum payment was missed'],
  low_utilisation: ['近期用卡金额偏低', 'The card is used too little'],
  product_maximum: ['已达产品最高额度', 'Already at the product maximum'],
};

/**
 * Credit-limit adjustment. The engine says first whether a permanent increase is possible today, up to
 * what and, if not, why and from when; and how much temporary credit the product allows. Only then does
 * the agent confirm the change with the customer (large increases wait for a senior agent's approval).
 */
export function LimitDialog({
  open,
  account,
  ctx,
  onClose,
  onDone,
}: {
  open: boolean;
  account: AccountView;
  ctx: { contactId: string };
  onClose(): void;
  onDone(): void;
}) {
  const t = useT();
  const [kind, setKind] = useState<'temporary' | 'permanent'>('temporary');
  const [amount, setAmount] = useState<number | null>(null);
  const elig = useLoad(open ? (s) => limitEligibility(account.id, ctx, s) : null, [open, account.id]);
  const permanent = useAction((key, fen: number) => requestPermanentLimit(key, account.id, fen, ctx));
  const temporary = useAction((key, extraFen: number, validUntil: string) =>
    requestTemporaryLimit(key, account.id, { extraFen, validUntil }, ctx),
  );
  const [done, setDone] = useState<string | null>(null);
  const e = elig.data;
  const fen = amount === null ? null : Math.round(amount * 100);

  const submit = async () => {
    if (!e || fen === null) return;
    const r = kind === 'permanent' ? await permanent.run(fen) : await temporary.run(fen, e.temporary.latestValidUntil);
    if (!r) return;
    setDone(
      r.status === 'pending_approval'
        ? t('已提交,待高级客服审批', 'Submitted: waiting for senior approval')
        : `${t('已生效', 'Applied')}:${yuan(r.oldLimitFen)} → ${yuan(r.newLimitFen)}${r.validUntil ? `(${t('至', 'until')} ${r.validUntil})` : ''}`,
    );
    onDone();
  };

  return (
    <Modal
      open={open}
      onCancel={() => {
        setDone(null);
        onClose();
      }}
      title={t('额度调整', 'Credit limit')}
      width={580}
      footer={null}
      destroyOnHidden
    >
      <Segmented
        value={kind}
        onChange={(v) => {
          setKind(v as 'temporary' | 'permanent');
          setAmount(null);
        }}
        options={[
          { value: 'temporary', label: t('临时提额', 'Temporary') },
          { value: 'permanent', label: t('永久提额', 'Permanent') },
        ]}
      />
      <div style={{ marginTop: 12, minHeight: 160 }} data-testid="limit-eligibility">
        {elig.loading && <Spin />}
        {elig.error && <Alert type="error" showIcon role="alert" message={elig.error.message} />}
        {e && (
          <>
            <Descriptions size="small" bordered column={1}>
              <Descriptions.Item label={t('当前额度', 'Current limit')}>{yuan(e.currentLimitFen)}</Descriptions.Item>
              {kind === 'permanent' ? (
                <>
                  <Descriptions.Item label={t('是否可提额', 'Eligible now')}>
                    {e.permanent.eligible ? (
                      <Tag color="green">{t('可以', 'Yes')}</Tag>
                    ) : (
                      <Tag color="red">{t('暂不可以', 'Not now')}</Tag>
                    )}
                    {e.permanent.reason &&
                      t(...(REASONS[e.permanent.reason] ?? [e.permanent.reason, e.permanent.reason]))}
                    {e.permanent.earliest && `${t('最早可于', 'Earliest on')} ${e.permanent.earliest}`}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('最高可调至', 'Up to')}>
                    {yuan(e.permanent.maxLimitFen)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('需审批', 'Approval')}>
                    {t('增加超过', 'Increases above')} {yuan(e.permanent.approvalAboveFen)}{' '}
                    {t('需高级客服审批', 'need a senior agent')}
                  </Descriptions.Item>
                </>
              ) : (
                <>
                  <Descriptions.Item label={t('最多可增加', 'At most')}>
                    {e.temporary.overdue ? (
                      <Tag color="red">{t('逾期账户不可临时提额', 'Not while overdue')}</Tag>
                    ) : (
                      yuan(e.temporary.maxExtraFen)
                    )}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('有效期至', 'Valid until')}>
                    {e.temporary.latestValidUntil}({e.temporary.maxDays}{' '}
                    {t('天;到期后超出部分须一次还清', 'days; the excess is due in full')})
                  </Descriptions.Item>
                </>
              )}
            </Descriptions>
            {done ? (
              <Alert type="success" showIcon message={done} style={{ marginTop: 12 }} role="status" />
            ) : (
              (kind === 'permanent' ? e.permanent.eligible : e.temporary.maxExtraFen > 0) && (
                <Space style={{ marginTop: 12 }}>
                  <span>
                    {kind === 'permanent' ? t('新额度(元)', 'New limit (CNY)') : t('增加(元)', 'Extra (CNY)')}
                  </span>
                  <InputNumber
                    min={1}
                    precision={0}
                    step={1000}
                    value={amount}
                    onChange={(v) => setAmount(typeof v === 'number' ? v : null)}
                    max={(kind === 'permanent' ? e.permanent.maxLimitFen : e.temporary.maxExtraFen) / 100}
                    style={{ width: 160 }}
                  />
                  <Popconfirm
                    title={t('与客户确认', 'Confirm with the customer')}
                    description={
                      kind === 'permanent'
                        ? `${yuan(e.currentLimitFen)} → ${yuan(fen)}`
                        : `+${yuan(fen)} ${t('至', 'until')} ${e.temporary.latestValidUntil}`
                    }
                    okText={t('确认', 'Confirm')}
                    cancelText={t('取消', 'Cancel')}
                    onConfirm={submit}
                    disabled={fen === null}
                  >
                    <Button type="primary" disabled={fen === null} loading={permanent.busy || temporary.busy}>
                      {t('提交', 'Submit')}
                    </Button>
                  </Popconfirm>
                </Space>
              )
            )}
          </>
        )}
      </div>
    </Modal>
  );
}
