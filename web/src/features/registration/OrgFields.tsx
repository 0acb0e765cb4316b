/** 机构信息 at registration and resubmission: 名称, 统一社会信用代码, 所属地区, 上级部门, 联系人, 联系电话, 地址. */
import { useState } from 'react';
import { Form, Input } from 'antd';
import { checkCreditCode, nameSchema, orgInfoBody } from '@hbzsgx/domain';
import { zodRule } from '../../components/formErrors';
import { DivisionCascader } from '../divisions/DivisionCascader';
import { divisionPath } from '../divisions/api';
import { OrgPicker } from './OrgPicker';
import { PARENT_TYPES, type PickerOrg, type RegistrableOrgType } from './api';

const shape = orgInfoBody.shape;

const PARENT_HINT: Record<RegistrableOrgType, string> = {
  employer: '选择本单位的主管部门或所在地人社部门，注册由其审核',
  authority: '选择所在地人社部门，注册由其审核',
  base: '选择所在地人社部门，注册由其审核',
  hr: '选择上一级人社部门（省级或市州级），注册由其审核',
};

/** The division must lie in the superior's jurisdiction (an HR department's division is one level below its superior's). */
export function divisionFitsParent(type: RegistrableOrgType, code: string, parentDivision: string): boolean {
  const path = divisionPath(code);
  if (!path.length) return true;
  return type === 'hr' ? path.at(-2) === parentDivision : path.includes(parentDivision);
}

export function OrgFields({ type, currentParent }: { type: RegistrableOrgType; currentParent?: { id: number; name: string } | null }) {
  const [parent, setParent] = useState<PickerOrg | undefined>();
  return (
    <>
      <Form.Item label="机构名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入机构名称' }, zodRule(nameSchema)]}>
        <Input placeholder="请输入与营业执照或登记证书一致的全称" maxLength={100} />
      </Form.Item>
      <Form.Item
        label="统一社会信用代码"
        name="creditCode"
        normalize={(v: string) => v?.toUpperCase()}
        rules={[
          { required: true, whitespace: true, message: '请输入统一社会信用代码' },
          {
            validator(_, v: string | undefined) {
              if (!v?.trim()) return Promise.resolve();
              const r = checkCreditCode(v);
              return r.ok ? Promise.resolve() : Promise.reject(new Error(r.reason));
            },
          },
        ]}
      >
        <Input placeholder="18位统一社会信用代码" maxLength={18} className="mono" />
      </Form.Item>
      <Form.Item label="上级部门" name="parentId" rules={[{ required: true, message: '请选择上级部门' }]} extra={PARENT_HINT[type]}>
        <OrgPicker types={PARENT_TYPES[type]} current={currentParent} onPick={setParent} placeholder="请输入上级部门名称搜索" />
      </Form.Item>
      <Form.Item
        label="所属地区"
        name="divisionCode"
        dependencies={['parentId']}
        rules={[
          { required: true, message: '请选择所属地区' },
          {
            validator(_, v: string | undefined) {
              if (!v || !parent) return Promise.resolve();
              return divisionFitsParent(type, v, parent.divisionCode)
                ? Promise.resolve()
                : Promise.reject(new Error(type === 'hr' ? '所属地区应为上级人社部门所辖的下一级地区' : '所属地区不在所选上级部门的辖区内'));
            },
          },
        ]}
      >
        <DivisionCascader />
      </Form.Item>
      <OrgContactFields />
    </>
  );
}

/** 联系人, 联系电话, 地址 of an organisation: at registration, resubmission and 单位信息维护 (orgInfoBody's rules). */
export function OrgContactFields() {
  return (
    <>
      <Form.Item
        label="联系人"
        name="contactName"
        rules={[{ required: true, whitespace: true, message: '请输入联系人' }, zodRule(shape.contactName)]}
      >
        <Input placeholder="请输入联系人姓名" maxLength={50} />
      </Form.Item>
      <Form.Item
        label="联系电话"
        name="contactPhone"
        rules={[{ required: true, message: '请输入联系电话' }, zodRule(shape.contactPhone)]}
        extra="手机号或固定电话（如 027-87654321）"
      >
        <Input placeholder="请输入联系电话" maxLength={20} />
      </Form.Item>
      <Form.Item label="地址" name="address" rules={[{ required: true, whitespace: true, message: '请输入地址' }, zodRule(shape.address)]}>
        <Input.TextArea placeholder="请输入办公地址" maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} showCount />
      </Form.Item>
    </>
  );
}
