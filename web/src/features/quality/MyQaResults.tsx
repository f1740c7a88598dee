import { AuditOutlined } from '@ant-design/icons';
import { Button, Drawer, Empty, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { myQaResults, type QaInspection } from '../../api/quality.ts';
import { useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { InspectionDetail } from './InspectionDetail.tsx';

/** "我的质检": the agent's released results, the weekly trend, and the appeal on a finding. */
export function MyQaResultsButton() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<AuditOutlined />} onClick={() => setOpen(true)} data-testid="my-qa">
        {t('我的质检', 'My QA')}
      </Button>
      <Drawer
        open={open}
        width={880}
        title={t('我的质检结果', 'My quality results')}
        onClose={() => setOpen(false)}
        destroyOnClose
      >
        {open && <MyQaResults />}
      </Drawer>
    </>
  );
}

function MyQaResults() {
  const { t } = useI18n();
  const results = useLoad((signal) => myQaResults(signal), []);
  const [openId, setOpenId] = useState<string | null>(null);
  const data = results.data;
  if (openId) {
    return (
      <>
        <Button size="small" onClick={() => setOpenId(null)} style={{ marginBottom: 8 }}>
          {t('返回列表', 'Back to the list')}
        </Button>
        <InspectionDetail id={openId} mode="agent" onChanged={results.reload} />
      </>
    );
  }
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('每周平均分', 'Weekly average')}
      </Typography.Title>
      {data && data.trend.length === 0 && <Empty description={t('暂无已发布的质检结果', 'No released results yet')} />}
      <div
        data-testid="my-qa-trend"
        style={{ display: 'flex', gap: 8, alignItems: 'flex-end', height: 90, marginBottom: 12 }}
      >
        {(data?.trend ?? []).map((p) => (
          <div
            key={p.week}
            style={{ textAlign: 'center', fontSize: 11 }}
            title={`${p.week}: ${p.average} (${p.count})`}
          >
            <div
              style={{
                height: Math.max(4, (p.average / 100) * 60),
                width: 28,
                background: '#1f5fbf',
                margin: '0 auto',
              }}
            />
            <div>{p.average}</div>
            <div className="cd-muted">{p.week.slice(5)}</div>
          </div>
        ))}
      </div>
      <Table<QaInspection>
        size="small"
        rowKey="id"
        loading={results.loading}
        dataSource={data?.inspections ?? []}
        data-testid="my-qa-list"
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('时间', 'When'), dataIndex: 'createdAt', render: (v: string) => v.slice(0, 16).replace('T', ' ') },
          { title: t('渠道', 'Channel'), dataIndex: 'channel' },
          { title: t('得分', 'Score'), dataIndex: 'score' },
          {
            title: t('结果', 'Result'),
            key: 'r',
            render: (_, r) =>
              r.fatal ? (
                <Tag color="red">{t('致命', 'Fatal')}</Tag>
              ) : r.passed ? (
                <Tag color="green">{t('合格', 'Passed')}</Tag>
              ) : (
                <Tag color="orange">{t('不合格', 'Failed')}</Tag>
              ),
          },
          {
            title: t('未通过项', 'Failed items'),
            key: 'f',
            render: (_, r) =>
              r.findings
                .filter((f) => f.result === 'fail')
                .map((f) => f.item)
                .join(', '),
          },
        ]}
      />
    </>
  );
}
