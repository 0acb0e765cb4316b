/** 证件类型 + 证件号, checked with the domain's checkIdNumber (GB 11643 for 居民身份证). */
import { Form, Input, Select } from 'antd';
import { checkIdNumber, ID_TYPES, type IdType } from '@hbzsgx/domain';

export const ID_TYPE_OPTIONS = Object.entries(ID_TYPES).map(([value, label]) => ({ value, label }));

export function IdFields() {
  return (
    <>
      <Form.Item label="证件类型" name="idType" rules={[{ required: true, message: '请选择证件类型' }]}>
        <Select options={ID_TYPE_OPTIONS} placeholder="请选择证件类型" />
      </Form.Item>
      <Form.Item
        label="证件号"
        name="idNumber"
        dependencies={['idType']}
        rules={[
          { required: true, whitespace: true, message: '请输入证件号' },
          ({ getFieldValue }) => ({
            validator(_, v: string | undefined) {
              if (!v?.trim()) return Promise.resolve();
              const r = checkIdNumber((getFieldValue('idType') as IdType | undefined) ?? 'resident', v);
              return r.ok ? Promise.resolve() : Promise.reject(new Error(r.reason));
            },
          }),
        ]}
      >
        <Input placeholder="请输入证件号" maxLength={30} autoComplete="off" />
      </Form.Item>
    </>
  );
}
