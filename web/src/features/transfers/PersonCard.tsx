import { Descriptions } from 'antd';
import { GENDERS } from '@hbzsgx/domain';
import { orDash } from '../../components/format';
import type { TransferPersonDetail } from './api';

/** The person's data as the 调出 form fills it in (read-only). */
export function personItems(p: TransferPersonDetail) {
  return [
    { key: 'name', label: '姓名', children: p.name },
    { key: 'id', label: '证件号', children: <span className="mono">{p.idNumberMasked}</span> },
    { key: 'gender', label: '性别', children: orDash(p.gender ? GENDERS[p.gender as keyof typeof GENDERS] : null) },
    { key: 'birth', label: '出生日期', children: orDash(p.birthDate) },
    { key: 'dept', label: '所在部门', children: orDash(p.departmentName) },
    { key: 'series', label: '职称系列', children: orDash(p.titleSeriesName) },
    { key: 'level', label: '职称级别', children: orDash(p.titleLevelName) },
    { key: 'titleName', label: '职称名称', children: orDash(p.titleName) },
  ];
}

export function PersonCard({ p }: { p: TransferPersonDetail }) {
  return <Descriptions bordered size="small" column={2} styles={{ label: { width: 90, whiteSpace: 'nowrap' } }} items={personItems(p)} />;
}
