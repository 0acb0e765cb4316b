/** The stacked 已完成/未完成 bar chart of a completion table (继教完成情况, 本单位/所属单位完成情况). */
import { fmtRate, type CompletionRow } from './api';
import { DONE_COLOR, UNDONE_COLOR, type ChartOption } from './echarts';

/** One bar per row (`clickable`: the bars drill down), 完成率 above each. */
export function completionBarOption(rows: CompletionRow[], clickable: boolean): ChartOption {
  const names = rows.map((r) => r.name);
  const many = names.length > 8;
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: unknown) => {
        const arr = ps as { dataIndex: number }[];
        const r = rows[arr[0]!.dataIndex]!;
        return `<b>${r.name}</b><br/>应完成：${r.total} 人<br/>已完成：${r.completed} 人<br/>未完成：${r.uncompleted} 人<br/>完成率：${fmtRate(r.rate)}`;
      },
    },
    legend: { data: ['已完成', '未完成'], top: 0, right: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: many ? 35 : 0, width: many ? 96 : 140, overflow: 'truncate' } },
    yAxis: { type: 'value', name: '人数', minInterval: 1 },
    series: [
      {
        name: '已完成',
        type: 'bar',
        stack: 'n',
        barMaxWidth: 42,
        itemStyle: { color: DONE_COLOR },
        data: rows.map((r) => r.completed),
        cursor: clickable ? 'pointer' : 'default',
      },
      {
        name: '未完成',
        type: 'bar',
        stack: 'n',
        barMaxWidth: 42,
        itemStyle: { color: UNDONE_COLOR, borderRadius: [3, 3, 0, 0] },
        data: rows.map((r) => r.uncompleted),
        cursor: clickable ? 'pointer' : 'default',
        label: {
          show: !many || names.length <= 20,
          position: 'top',
          fontSize: 11,
          color: '#595959',
          formatter: (x: { dataIndex: number }) => (rows[x.dataIndex]!.total ? fmtRate(rows[x.dataIndex]!.rate) : ''),
        },
      },
    ],
  };
}
