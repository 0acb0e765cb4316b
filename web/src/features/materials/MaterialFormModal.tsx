/** 新增 / 编辑 a material (draft): 报送年度, 材料名称, 说明. Files are added in the detail drawer afterwards. */
import { useEffect } from 'react';
import { Alert, Form, Input, Select } from 'antd';
import { beijingYear } from '@hbzsgx/domain';
import { FormModal } from '../../components/FormModal';
import { materialsApi, recentYears, type Material, type MaterialBody } from './api';

export function MaterialFormModal({
  editing,
  onClose,
  onSaved,
}: {
  /** 'new', the draft to edit, or null (closed). */
  editing: Material | 'new' | null;
  onClose: () => void;
  onSaved: (id: number, created: boolean) => void;
}) {
  const [form] = Form.useForm<MaterialBody>();
  const isNew = editing === 'new';

  useEffect(() => {
    if (!editing) return;
    if (editing === 'new') form.setFieldsValue({ year: beijingYear(), name: '', description: '' });
    else form.setFieldsValue({ year: editing.year, name: editing.title, description: editing.description });
  }, [editing, form]);

  const submit = async (v: MaterialBody) => {
    const body = { year: v.year, name: v.name.trim(), description: (v.description ?? '').trim() };
    if (editing === 'new') {
      const r = await materialsApi.create(body);
      onSaved(r.id, true);
    } else if (editing) {
      await materialsApi.update(editing.id, body);
      onSaved(editing.id, false);
    }
  };

  return (
    <FormModal
      title={isNew ? '新增年度工作材料' : '编辑年度工作材料'}
      open={!!editing}
      onClose={onClose}
      okText={isNew ? '保存并上传文件' : '保存'}
      width={560}
      forceRender
      form={form}
      name="materialForm"
      submit={submit}
      footnote={isNew && <Alert type="info" showIcon title="保存为草稿后，按类别上传材料文件，确认无误后提交。" />}
    >
      <Form.Item label="报送年度" name="year" rules={[{ required: true, message: '请选择报送年度' }]}>
        <Select options={recentYears()} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        label="材料名称"
        name="name"
        rules={[
          { required: true, whitespace: true, message: '请填写材料名称' },
          { max: 100, message: '不能超过100个字符' },
        ]}
      >
        <Input maxLength={100} placeholder="如：2026年度继续教育工作总结及相关材料" />
      </Form.Item>
      <Form.Item label="说明" name="description" rules={[{ max: 1000, message: '不能超过1000个字符' }]}>
        <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 3, maxRows: 6 }} placeholder="简要说明报送材料的内容（选填）" />
      </Form.Item>
    </FormModal>
  );
}
