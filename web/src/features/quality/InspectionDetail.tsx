import { Alert, Button, Card, Descriptions, Input, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import {
  fileAppeal,
  getInspection,
  type QaInspectionDetail,
  releaseInspection,
  reviewFinding,
} from '../../api/quality.ts';
import { useAction, useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';

type Finding = QaInspectionDetail['findings'][number];

const RESULT_COLOR: Record<string, string> = { pass: 'green', fail: 'red', 'n/a': 'default' };
const SEVERITY: Record<string, [string, string]> = {
  normal: ['一般', 'Normal'],
  critical: ['严重', 'Critical'],
  fatal: ['致命', 'Fatal'],
};
const SPEAKER: Record<string, [string, string]> = {
  agent: ['坐席', 'Agent'],
  customer: ['客户', 'Customer'],
  system: ['系统', 'System'],
};
const STATUS: Record<string, [string, string]> = {
  auto: ['自动', 'Automatic'],
  queued: ['待复核', 'To review'],
  reviewed: ['已复核', 'Reviewed'],
  released: ['已发布', 'Released'],
};
export const APPEAL_STATUS: Record<'open' | 'reinspected' | 'final', [string, string]> = {
  open: ['待复核', 'To re-inspect'],
  reinspected: ['待裁定', 'To rule'],
  final: ['已裁定', 'Ruled'],
};
export const DECISION: Record<'upheld' | 'overturned', [string, string]> = {
  upheld: ['维持', 'Upheld'],
  overturned: ['推翻', 'Overturned'],
};

/** The text of a turn with the evidence of failed findings marked (React escapes every part). */
function highlighted(text: string, evidence: readonly string[]): ReactNode {
  const hits = evidence.filter((e) => e && text.includes(e));
  if (hits.length === 0) return text;
  const parts: ReactNode[] = [];
  let rest = text;
  let k = 0;
  while (rest) {
    let best: { at: number; e: string } | null = null;
    for (const e of hits) {
      const at = rest.indexOf(e);
      if (at >= 0 && (!best || at < best.at)) best = { at, e };
    }
    if (!best) {
      parts.push(rest);
      break;
    }
    if (best.at > 0) parts.push(rest.slice(0, best.at));
    parts.push(
      <mark key={k++} data-testid="qa-evidence" style={{ background: '#ffd591', padding: '0 2px' }}>
        {best.e}
      </mark>,
    );
    rest = rest.slice(best.at + best.e.length);
  }
  return parts;
}

/**
 * One inspection: the transcript with the evidence of every failed item highlighted in its turn, the
 * findings, and what the viewer may do — the inspector confirms or overturns and releases (`review`), the
 * agent appeals a failed finding of a released result (`agent`), others read (`read`).
 */
export function InspectionDetail({
  id,
  mode,
  onChanged,
}: {
  id: string;
  mode: 'review' | 'agent' | 'read';
  onChanged?: () => void;
}) {
  const { t } = useI18n();
  const loaded = useLoad((signal) => getInspection(id, signal), [id]);
  const [appealing, setAppealing] = useState<Finding | null>(null);
  const [comment, setComment] = useState('');
  const changed = () => {
    loaded.reload();
    onChanged?.();
  };
  const review = useAction((key, findingId: string, decision: 'confirm' | 'overturn') =>
    reviewFinding(key, findingId, { decision }),
  );
  const release = useAction((key) => releaseInspection(key, id), {
    success: t('已发布给坐席', 'Released to the agent'),
  });
  const appeal = useAction((key, findingId: string, text: string) => fileAppeal(key, findingId, text), {
    success: t('申诉已提交', 'Appeal filed'),
  });

  const v = loaded.data;
  if (!v) return loaded.error ? <Alert type="error" message={loaded.error.message} /> : <Spin />;
  const title = (code: string) => v.items.find((i) => i.code === code)?.title ?? code;
  const byTurn = new Map<number, string[]>();
  for (const f of v.findings) {
    if (f.result === 'fail' && f.turn !== null && f.evidence)
      byTurn.set(f.turn, [...(byTurn.get(f.turn) ?? []), f.evidence]);
  }
  const failedItems = (turn: number) =>
    v.findings.filter((f) => f.result === 'fail' && f.turn === turn).map((f) => title(f.item));
  const appealOf = (findingId: string) => v.appeals.find((a) => a.findingId === findingId);

  return (
    <div data-testid="qa-inspection" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Descriptions size="small" column={4} bordered>
        <Descriptions.Item label={t('得分', 'Score')}>
          <span data-testid="qa-score">{v.score}</span>
          {v.score !== v.autoScore && (
            <span className="cd-muted">
              {' '}
              ({t('自动', 'auto')} {v.autoScore})
            </span>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('结果', 'Result')}>
          {v.fatal ? (
            <Tag color="red">{t('致命', 'Fatal')}</Tag>
          ) : v.passed ? (
            <Tag color="green">{t('合格', 'Passed')}</Tag>
          ) : (
            <Tag color="orange">{t('不合格', 'Failed')}</Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('状态', 'Status')}>
          {t(...(STATUS[v.status] ?? [v.status, v.status]))}
        </Descriptions.Item>
        <Descriptions.Item label={t('坐席工号', 'Agent no.')}>{v.agentNo ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Card size="small" title={t('会话记录', 'Transcript')}>
        <div data-testid="qa-transcript" style={{ maxHeight: 320, overflowY: 'auto' }}>
          {v.turns.length === 0 && <span className="cd-muted">{t('无会话记录', 'No transcript')}</span>}
          {v.turns.map((turn, i) => {
            const failed = failedItems(i);
            return (
              <div
                // biome-ignore lint/suspicious/noArrayIndexKey: turns are fixed, in order
                key={i}
                data-turn={i}
                data-speaker={turn.speaker}
                style={{
                  padding: '4px 8px',
                  margin: '2px 0',
                  borderLeft: `3px solid ${failed.length ? '#fa541c' : 'transparent'}`,
                  background: failed.length ? '#fff7e6' : undefined,
                }}
              >
                <Typography.Text type="secondary" style={{ marginRight: 8 }}>
                  #{i} {t(...(SPEAKER[turn.speaker] ?? [turn.speaker, turn.speaker]))}
                </Typography.Text>
                <span className="cd-pre">{highlighted(turn.text, byTurn.get(i) ?? [])}</span>
                {failed.map((f) => (
                  <Tag key={f} color="volcano" style={{ marginLeft: 6 }}>
                    {f}
                  </Tag>
                ))}
              </div>
            );
          })}
        </div>
      </Card>
      <Table<Finding>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={v.findings}
        onRow={(f) => ({ 'data-item': f.item }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('质检项', 'Item'), key: 'item', render: (_, f) => title(f.item) },
          {
            title: t('级别', 'Severity'),
            key: 'severity',
            render: (_, f) => t(...(SEVERITY[f.severity] ?? [f.severity, f.severity])),
          },
          {
            title: t('结果', 'Result'),
            key: 'result',
            render: (_, f) => (
              <Space size={4}>
                <Tag color={RESULT_COLOR[f.result] ?? 'default'} data-testid={`qa-result-${f.item}`}>
                  {f.result}
                </Tag>
                {f.review && (
                  <Tag color={f.review === 'overturned' ? 'purple' : 'blue'}>
                    {f.review === 'overturned' ? t('已推翻', 'Overturned') : t('已确认', 'Confirmed')}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('依据', 'Evidence'),
            key: 'evidence',
            render: (_, f) => (f.turn !== null ? `#${f.turn} ${f.evidence}` : f.evidence || '—'),
          },
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            render: (_, f) => {
              if (mode === 'review' && v.status !== 'released' && f.autoResult !== 'n/a') {
                return (
                  <Space size={4}>
                    <Button
                      size="small"
                      data-testid={`qa-confirm-${f.item}`}
                      disabled={f.review === 'confirmed'}
                      onClick={async () => (await review.run(f.id, 'confirm')) && changed()}
                    >
                      {t('确认', 'Confirm')}
                    </Button>
                    <Button
                      size="small"
                      data-testid={`qa-overturn-${f.item}`}
                      disabled={f.review === 'overturned'}
                      onClick={async () => (await review.run(f.id, 'overturn')) && changed()}
                    >
                      {t('推翻', 'Overturn')}
                    </Button>
                  </Space>
                );
              }
              const a = appealOf(f.id);
              if (a) {
                return (
                  <Tag data-testid={`qa-appeal-status-${f.item}`}>
                    {t('申诉', 'Appeal')}: {t(...APPEAL_STATUS[a.status])}
                    {a.finalDecision && ` · ${t(...DECISION[a.finalDecision])}`}
                  </Tag>
                );
              }
              if (mode === 'agent' && v.status === 'released' && f.result === 'fail') {
                return (
                  <Button size="small" data-testid={`qa-appeal-${f.item}`} onClick={() => setAppealing(f)}>
                    {t('申诉', 'Appeal')}
                  </Button>
                );
              }
              return null;
            },
          },
        ]}
      />
      {mode === 'review' && v.status !== 'released' && (
        <div>
          <Button
            type="primary"
            data-testid="qa-release"
            loading={release.busy}
            onClick={async () => (await release.run()) && changed()}
          >
            {t('发布给坐席', 'Release to the agent')}
          </Button>
        </div>
      )}
      <Modal
        open={appealing !== null}
        title={`${t('申诉', 'Appeal')}: ${appealing ? title(appealing.item) : ''}`}
        okText={t('提交申诉', 'File the appeal')}
        okButtonProps={{ disabled: comment.trim().length < 4, loading: appeal.busy }}
        onCancel={() => setAppealing(null)}
        onOk={async () => {
          if (!appealing) return;
          if (await appeal.run(appealing.id, comment.trim())) {
            setAppealing(null);
            setComment('');
            changed();
          }
        }}
      >
        <Input.TextArea
          rows={3}
          value={comment}
          data-testid="qa-appeal-comment"
          onChange={(e) => setComment(e.target.value)}
          placeholder={t('说明理由(至少4个字)', 'Your reasons (4 characters or more)')}
        />
      </Modal>
    </div>
  );
}
