/**
 * A small React wrapper around an ECharts instance: created on mount, given each new option (replacing the old
 * one), resized with its container, disposed on unmount. Clicks on data items are passed to onItemClick.
 */
import { useEffect, useRef } from 'react';
import { echarts, type ChartOption } from './echarts';

export interface ChartItemClick {
  name: string;
  dataIndex: number;
  seriesIndex?: number;
}

export function EChart({
  option,
  height = 320,
  onItemClick,
  ariaLabel,
}: {
  option: ChartOption;
  height?: number;
  onItemClick?: (e: ChartItemClick) => void;
  ariaLabel?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onItemClick);
  click.current = onItemClick;

  useEffect(() => {
    const c = echarts.init(el.current!, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (e) => click.current?.({ name: e.name, dataIndex: e.dataIndex, seriesIndex: e.seriesIndex }));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current!);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={el} role="img" aria-label={ariaLabel} className="stats-chart" style={{ height, width: '100%' }} />;
}
