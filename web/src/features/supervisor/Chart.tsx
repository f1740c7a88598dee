import { useEffect, useRef } from 'react';
import { type EChartsOption, echarts } from './echarts.ts';

/**
 * One ECharts chart in a box of fixed height (so the dashboard does not jump while data loads), resized
 * with its container. `label` names the chart for screen readers; the figures are also in the tables.
 */
export function Chart({
  option,
  height = 260,
  label,
  testId,
  onPick,
}: {
  option: EChartsOption;
  height?: number;
  label: string;
  testId?: string;
  /** Drill-down: called with the index of the clicked bar or slice (its data item) and of its series. */
  onPick?(dataIndex: number, seriesIndex: number): void;
}) {
  const pick = useRef(onPick);
  pick.current = onPick;
  const el = useRef<HTMLDivElement | null>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p: { dataIndex?: number; seriesIndex?: number }) => {
      if (p.dataIndex !== undefined) pick.current?.(p.dataIndex, p.seriesIndex ?? 0);
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return (
    <div
      ref={el}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-series={seriesNames(option).join('|')}
      style={{ width: '100%', height, cursor: onPick ? 'pointer' : undefined }}
    />
  );
}

/** What the chart draws, by name (its series, or a pie's slices): the legend, readable without the canvas. */
function seriesNames(option: EChartsOption): string[] {
  const series = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
  return series.flatMap((s) =>
    s.type === 'pie' ? ((s.data ?? []) as Array<{ name?: string }>).map((d) => d.name ?? '') : [String(s.name ?? '')],
  );
}
