/** 发起调出: pick one of our people (their data fills in), the target organisation, the reason and the date. */
import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Select, Skeleton, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { beijingDate, transferCreateBody } from '@hbzsgx/domain';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { zodRule } from '../../components/formErrors';
import { FormModal } from '../../components/FormModal';
import { useDebounced } from '../../components/useDebounced';
import { OrgPicker } from '../registration/OrgPicker';
import { dateFieldProps } from '../registration/TitleFields';
import { PersonCard } from './PersonCard';
import { TRANSFERS_KEY, transfersApi } from './api';

interface Values {
  personnelId: number;
  toOrgId: number;
  reason: string;
  transferDate: string;
}

function PersonSelect({ id, value, onChange }: { id?: string; value?: number; onChange?: (v: number | undefined) => void }) {
  const [keyword, setKeyword] = useState('');
  const debounced = useDebounced(keyword.trim(), 300);
  const q = useQuery({
    queryKey: [...TRANSFERS_KEY, 'people', debounced],
    queryFn: () => transfersApi.people(debounced),
    placeholderData: keepPreviousData,
  });
  return (
    <Select<number>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      placeholder="请输入姓名搜索本单位人员"
      allowClear
      loading={q.isFetching}
      showSearch={{ filterOption: false, onSearch: setKeyword }}
      onOpenChange={(open) => !open && setKeyword('')}
      options={(q.data ?? []).map((p) => ({
        value: p.personnelId,
        label: `${p.name}（${p.idNumberMasked}）${p.departmentName ? ` · ${p.departmentName}` : ''}`,
      }))}
      notFoundContent={q.isFetching ? '正在搜索…' : '没有找到本单位的人员'}
    />
  );
}

export function StartTransferModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const personnelId = Form.useWatch<number | undefined>('personnelId', form);
  const person = useQuery({
    queryKey: [...TRANSFERS_KEY, 'person', personnelId],
    queryFn: () => transfersApi.person(personnelId!),
    enabled: personnelId != null,
  });
  return (
    <FormModal
      title="发起调出"
      open={open}
      onClose={onClose}
      okText="提交"
      width={720}
      maskClosable={false}
      form={form}
      name="transferCreate"
      initialValues={{ transferDate: beijingDate() }}
      submit={(v) => transfersApi.create({ ...v, reason: v.reason.trim() })}
      fieldOfCode={{ OPEN_TRANSFER: 'personnelId' }}
      onSuccess={() => {
        feedback.success('已发起调出，待调入单位确认');
        void qc.invalidateQueries({ queryKey: TRANSFERS_KEY });
        void qc.invalidateQueries({ queryKey: ['dashboard'] });
        onClose();
      }}
    >
      <Form.Item label="调出人员" name="personnelId" rules={[{ required: true, message: '请选择调出人员' }]}>
        <PersonSelect />
      </Form.Item>
      {personnelId != null && (
        <div style={{ marginBottom: 20 }}>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8, fontSize: 13 }}>
            人员信息（自动带出）
          </Typography.Text>
          {person.isPending ? (
            <Skeleton active paragraph={{ rows: 3 }} title={false} />
          ) : person.error ? (
            <Alert type="error" showIcon title={errorMessage(person.error)} />
          ) : (
            <PersonCard p={person.data} />
          )}
        </div>
      )}
      <Form.Item
        label="调入单位"
        name="toOrgId"
        rules={[{ required: true, message: '请选择调入单位' }]}
        extra="可选择用人单位、主管部门或人社部门；调入单位确认后人员才转入"
      >
        <OrgPicker types={['employer', 'authority', 'hr']} excludeIds={[me.org.id]} placeholder="请输入调入单位名称搜索" />
      </Form.Item>
      <Form.Item label="调转日期" name="transferDate" rules={[{ required: true, message: '请选择调转日期' }]} {...dateFieldProps}>
        <DatePicker style={{ width: '100%' }} placeholder="请选择调转日期" allowClear={false} />
      </Form.Item>
      <Form.Item
        label="调转原因"
        name="reason"
        rules={[{ required: true, whitespace: true, message: '请填写调转原因' }, zodRule(transferCreateBody.shape.reason)]}
      >
        <Input.TextArea placeholder="如：工作调动、岗位调整" maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </FormModal>
  );
}
