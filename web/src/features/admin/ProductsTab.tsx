import { Table, Tag } from 'antd';
import { useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ErrorNote } from '../shared/ErrorNote.tsx';
import { yuan } from '../shared/format.ts';
import { label } from '../shared/labels.ts';
import { listProducts, type Product } from './catalog.api.ts';

/** "0.0005" per day → "18.25%" a year (simple), as the catalogue shows it beside the daily rate. */
function yearly(daily: string): string {
  return `${(Number(daily) * 365 * 100).toFixed(2)}%`;
}

/** The card product catalogue (guide §2.1): limit range, rates, interest-free terms, fees and their waivers. */
export function ProductsTab() {
  const { t, locale } = useI18n();
  const products = useLoad((s) => listProducts(s), []);
  return (
    <>
      <ErrorNote error={products.error} retry={products.reload} />
      <Table<Product>
        size="small"
        rowKey="id"
        loading={products.loading}
        dataSource={products.data ?? []}
        pagination={false}
        scroll={{ x: 1000 }}
        columns={[
          {
            title: t('产品', 'Product'),
            render: (_, p) => (
              <span>
                <strong>{locale === 'en' ? p.nameEn : p.nameZh}</strong>{' '}
                <span className="cd-mono cd-muted">{p.code}</span>
                {!p.active && <Tag style={{ marginInlineStart: 4 }}>{t('停售', 'Inactive')}</Tag>}
              </span>
            ),
          },
          {
            title: t('等级', 'Tier'),
            dataIndex: 'tier',
            render: (v: string) => <Tag>{label('productTier', v, locale)}</Tag>,
          },
          {
            title: t('额度范围', 'Limit range'),
            render: (_, p) => `${yuan(p.current.terms.limit.minFen)} – ${yuan(p.current.terms.limit.maxFen)}`,
          },
          {
            title: t('透支利率', 'Revolving rate'),
            render: (_, p) =>
              `${t('年化', 'yearly')} ${yearly(p.current.terms.dailyRate)} · ${t('日', 'daily')} ${p.current.terms.dailyRate}`,
          },
          {
            title: t('还款期/容时', 'Due / grace'),
            render: (_, p) =>
              `${p.current.terms.daysToDue} ${t('天', 'd')} / ${p.current.terms.graceDays} ${t('天', 'd')}`,
          },
          {
            title: t('年费与减免', 'Annual fee and waiver'),
            render: (_, p) => {
              const f = p.current.terms.annualFee;
              return `${yuan(f.amountFen)}${f.firstYearFree ? t(',首年免', '; first year free') : ''}${f.waivePurchases ? t(`,刷卡 ${f.waivePurchases} 次免次年`, `; ${f.waivePurchases} purchases waive next year`) : ''}`;
            },
          },
          {
            title: t('积分', 'Points'),
            render: (_, p) =>
              t(
                `每 ${p.current.terms.points.perYuan} 元 ${p.current.terms.points.points} 分`,
                `${p.current.terms.points.points} per CNY ${p.current.terms.points.perYuan}`,
              ),
          },
          {
            title: t('生效版本', 'Version'),
            render: (_, p) =>
              `v${p.current.version} · ${p.current.effectiveFrom}${p.upcoming.length ? ` (+${p.upcoming.length})` : ''}`,
          },
        ]}
      />
    </>
  );
}
