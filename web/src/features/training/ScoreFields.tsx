/** 成绩 and 是否合格: the fields of 登记成绩, 全部登记 and 修改成绩, checked as the server checks them. */
import { Form, Input, Radio } from 'antd';
import { scoreCorrectionBody } from '@hbzsgx/domain';
import { zodRule } from '../../components/formErrors';

export function ScoreFields() {
  return (
    <>
      <Form.Item label="成绩" name="score" rules={[zodRule(scoreCorrectionBody.shape.score)]} extra="可填分数或等级，如 92、优秀；可不填">
        <Input maxLength={20} placeholder="如：92" />
      </Form.Item>
      <Form.Item label="是否合格" name="qualified" rules={[{ required: true, message: '请选择是否合格' }]}>
        <Radio.Group
          options={[
            { value: true, label: '合格' },
            { value: false, label: '不合格' },
          ]}
        />
      </Form.Item>
    </>
  );
}
