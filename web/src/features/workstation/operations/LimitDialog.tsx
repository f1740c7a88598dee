import { Alert, Button, Descriptions, InputNumber, Modal, Popconfirm, Segmented, Spin, Tag } from 'antd';
import { useState } from 'react';
import { type AccountView, limitEligibility, requestLimit } from '../../../api/cards.ts';
import { useAction, useLoad } from '../../../app/hooks.ts';
import { useT } from '../../../app/i18n.tsx';
import { yuan } from '../../shared/format.ts';

/**
 * Credit-limit adjustment: the engine says first whether the account is eligible and up to what, with its
 * reasons (e.g. the six months since activation); the agent then confirms the new limit with the customer.
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
  const [limitYuan, setLimitYuan] = useState<number | null>(null);
  const elig = useLoad(open ? (s) => limitEligibility(account.id, kind, ctx, s) : null, [open, account.id, kind]);
  const apply = useAction((key, fen: number) => requestLimit(key, account.id, kind, fen, ctx), {
    success: t('额度调整已提交', 'Limit change submitted'),
  });
  const e = elig.data;
  const newFen = limitYuan === null ? null : Math.round(limitYuan * 100);
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('额度调整', 'Credit limit')}
      width={560}
      footer={null}
      destroyOnHidden
    >
      <Segmented
        value={kind}
        onChange={(v) => setKind(v as 'temporary' | 'permanent')}
        options={[
          { value: 'temporary', label: t('临时额度', 'Temporary') },
          { value: 'permanent', label: t('永久额度', 'Permanent') },
        ]}
      />
      <div style={{ marginTop: 12, minHeight: 120 }}>
        {elig.loading && <Spin />}
        {elig.error && <Alert type="error" showIcon role="alert" message={elig.error.message} />}
        {e && (
          <>
            <Descriptions size="small" bordered column={1} data-testid="limit-eligibility">
              <Descriptions.Item label={t('是否符合条件', 'Eligible')}>
                {e.eligible ? <Tag color="green">{t('符合', 'Yes')}</Tag> : <Tag color="red">{t('不符合', 'No')}</Tag>}
                {e.needsApproval && <Tag color="gold">{t('需高级客服审批', 'Needs senior approval')}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('当前额度', 'Current limit')}>{yuan(e.currentLimitFen)}</Descriptions.Item>
              {e.maxLimitFen != null && (
                <Descriptions.Item label={t('最高可调至', 'Up to')}>{yuan(e.maxLimitFen)}</Descriptions.Item>
              )}
              {e.validUntil && (
                <Descriptions.Item label={t('有效期至', 'Valid until')}>{e.validUntil}</Descriptions.Item>
              )}
              {e.reasons.length > 0 && (
                <Descriptions.Item label={t('说明', 'Reasons')}>
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {e.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </Descriptions.Item>
              )}
            </Descriptions>
            {e.eligible && (
              <div style={{ display: 'flex', gap: 8, marginTop: 12, alignItems: 'center' }}>
                <span>{t('新额度(元)', 'New limit (CNY)')}</span>
                <InputNumber
                  min={0}
                  precision={0}
                  step={1000}
                  value={limitYuan}
                  onChange={(v) => setLimitYuan(typeof v === 'number' ? v : null)}
                  {...(e.maxLimitFen != null ? { max: e.maxLimitFen / 100 } : {})}
                  style={{ width: 160 }}
                />
                <Popconfirm
                  title={t('确认调整额度', 'Confirm the new limit')}
                  description={`${yuan(e.currentLimitFen)} → ${yuan(newFen)}(${kind === 'temporary' ? t('临时', 'temporary') : t('永久', 'permanent')})`}
                  okText={t('确认', 'Confirm')}
                  cancelText={t('取消', 'Cancel')}
                  onConfirm={async () => {
                    if (newFen !== null && (await apply.run(newFen))) {
                      onDone();
                      onClose();
                    }
                  }}
                  disabled={newFen === null}
                >
                  <Button type="primary" disabled={newFen === null} loading={apply.busy}>
                    {t('提交', 'Submit')}
                  </Button>
                </Popconfirm>
              </div>
            )}
          </>
        )}
      </div>
    </Modal>
  );
}
