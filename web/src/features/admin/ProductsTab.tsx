import { Table, Tag } from 'antd';
import { useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { percent, yuan } from '../shared/format.ts';
import { listProducts, type Product } from './catalog.api.ts';

/** The card product catalogue (guide §2.1): limits, rates, interest-free period, fees and waivers. */
export function ProductsTab() {
  const { t } = useI18n();
  const products = useLoad((s) => listProducts(s), []);
  return (
    <>
      <ErrorNote error={products.error} retry={products.reload} />
      <Table<Product>
        size="small"
        rowKey="code"
        loading={products.loading}
        dataSource={products.data ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: t('产品', 'Product'), render: (_, p) => <strong>{p.name}</strong> },
          { title: t('等级', 'Tier'), dataIndex: 'tier', render: (v: string) => <Tag>{v}</Tag> },
          {
            title: t('额度范围', 'Limit range'),
            render: (_, p) => `${yuan(p.minLimitFen)} – ${yuan(p.maxLimitFen)}`,
          },
          { title: t('年化利率', 'APR'), dataIndex: 'annualRate', render: (v: string) => percent(v) },
          {
            title: t('最长免息期', 'Max interest-free'),
            dataIndex: 'maxInterestFreeDays',
            render: (v: number) => `${v} ${t('天', 'days')}`,
          },
          { title: t('年费', 'Annual fee'), dataIndex: 'annualFeeFen', render: (v: number) => yuan(v) },
          { title: t('年费减免', 'Fee waiver'), dataIndex: 'feeWaiver' },
          { title: t('积分', 'Points'), dataIndex: 'pointsRule' },
        ]}
      />
    </>
  );
}
