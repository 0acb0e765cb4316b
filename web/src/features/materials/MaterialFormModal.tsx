/** 新增 / 编辑 a material (draft): 报送年度, 材料名称, 说明. Files are added in the detail drawer afterwards. */
import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { beijingYear } from '@hbzsgx/domain';
import { ApiError, errorMessage } from '../../app/api';
import { applyFieldErrors } from '../../components/formErrors';
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
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const isNew = editing === 'new';

  useEffect(() => {
    if (!editing) return;
    setError(null);
    if (editing === 'new') form.setFieldsValue({ year: beijingYear(), name: '', description: '' });
    else form.setFieldsValue({ year: editing.year, name: editing.title, description: editing.description });
  }, [editing, form]);

  const submit = async (v: MaterialBody) => {
    setBusy(true);
    setError(null);
    const body = { year: v.year, name: v.name.trim(), description: (v.description ?? '').trim() };
    try {
      if (editing === 'new') {
        const r = await materialsApi.create(body);
        onSaved(r.id, true);
      } else if (editing) {
        await materialsApi.update(editing.id, body);
        onSaved(editing.id, false);
      }
    } catch (e) {
      if (e instanceof ApiError) applyFieldErrors(form, e);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={isNew ? '新增年度工作材料' : '编辑年度工作材料'}
      open={!!editing}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={isNew ? '保存并上传文件' : '保存'}
      cancelText="取消"
      confirmLoading={busy}
      forceRender
      width={560}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} name="materialForm" layout="vertical" onFinish={submit} onValuesChange={() => error && setError(null)}>
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
      </Form>
      {isNew && <Alert type="info" showIcon title="保存为草稿后，按类别上传材料文件，确认无误后提交。" />}
    </Modal>
  );
}
