/**
 * The parts of ECharts the statistics use, registered once (importing from 'echarts/core' keeps the bundle to
 * bar + pie charts with grid, tooltip, legend and title, drawn on canvas).
 */
import * as echarts from 'echarts/core';
import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TitleComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TitleComponentOption | TooltipComponentOption
>;
export { echarts };

/** The platform's palette for charts (antd's blue first; 完成 green, 未完成 orange). */
export const COLORS = ['#1657b8', '#36cfc9', '#73d13d', '#ffc53d', '#ff7a45', '#9254de', '#f759ab', '#40a9ff', '#bae637', '#597ef7'];
export const DONE_COLOR = '#52c41a';
export const UNDONE_COLOR = '#fa8c16';
