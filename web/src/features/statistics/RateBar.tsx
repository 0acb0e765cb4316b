/** A 完成率 cell of a completion table: a small bar coloured by how far the rate is (— when nobody is due). */
import { Progress, Typography } from 'antd';
import { DONE_COLOR, UNDONE_COLOR } from './echarts';

export function RateBar({ rate }: { rate: number | null }) {
  if (rate == null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Progress percent={rate} size="small" strokeColor={rate >= 80 ? DONE_COLOR : rate >= 50 ? '#1657b8' : UNDONE_COLOR} format={(x) => `${x}%`} />
  );
}
