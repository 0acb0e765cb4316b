import { Descriptions } from 'antd';
import { OrgStatusTag } from '../../components/StatusTag';
import { fmtTime, orDash } from '../../components/format';
import type { OrgInfo } from './api';

/** An organisation's basic information (own organisation, or a sub-organisation in the drawer). */
export function OrgDescriptions({ org, column = 2 }: { org: OrgInfo; column?: number }) {
  return (
    <Descriptions
      bordered
      column={{ xs: 1, sm: 1, md: column }}
      styles={{ label: { width: 160, whiteSpace: 'nowrap' } }}
      items={[
        { key: 'name', label: '名称', children: org.name, span: 'filled' },
        { key: 'creditCode', label: '统一社会信用代码', children: <span className="mono">{org.creditCode}</span> },
        { key: 'status', label: '状态', children: <OrgStatusTag status={org.status} /> },
        { key: 'type', label: '机构类型', children: org.typeName },
        { key: 'level', label: '级别', children: orDash(org.hrLevelName) },
        { key: 'division', label: '所属地区', children: `${org.divisionName}（${org.divisionCode}）` },
        { key: 'parent', label: '上级部门', children: orDash(org.parentName) },
        { key: 'contactName', label: '联系人', children: org.contactName },
        { key: 'contactPhone', label: '联系电话', children: org.contactPhone },
        { key: 'address', label: '地址', children: org.address, span: 'filled' },
        { key: 'updatedAt', label: '最近更新', children: fmtTime(org.updatedAt), span: 'filled' },
      ]}
    />
  );
}
