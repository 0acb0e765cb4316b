/** 批量打印: all active personnel of one unit in the jurisdiction, one page each, in one PDF (in parts above the cap). */
import { useState } from 'react';
import { Alert, Checkbox, Form, Modal, Select, Space, Spin, Tag, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { useDebounced } from '../../components/useDebounced';
import { usePolicies, yearOptions } from '../hours/api';
import { CERTIFICATES_KEY, certificatesApi, type Unit } from './api';

interface Values {
  orgId: number;
  year: number;
  part?: number;
  includeClaims: boolean;
}
const TYPE_NAMES: Record<string, string> = { employer: '用人单位', authority: '主管部门', hr: '人社部门', base: '继续教育基地' };

function UnitSelect({ id, value, onChange, onPick }: { id?: string; value?: number; onChange?: (v?: number) => void; onPick: (u?: Unit) => void }) {
  const [keyword, setKeyword] = useState('');
  const debounced = useDebounced(keyword.trim(), 300);
  const q = useQuery({
    queryKey: [...CERTIFICATES_KEY, 'units', debounced],
    queryFn: () => certificatesApi.units(debounced || undefined),
    placeholderData: keepPreviousData,
  });
  const items = q.data?.items ?? [];
  return (
    <Select<number>
      id={id}
      value={value}
      placeholder="请输入单位名称搜索"
      allowClear
      loading={q.isFetching}
      showSearch={{ filterOption: false, onSearch: setKeyword }}
      onOpenChange={(open) => !open && setKeyword('')}
      onChange={(v) => {
        onChange?.(v ?? undefined);
        onPick(items.find((u) => u.id === v));
      }}
      options={items.map((u) => ({ value: u.id, label: u.name, unit: u }))}
      optionRender={(o) => (
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <span>{o.label}</span>
          <span>
            <Typography.Text type="secondary" style={{ fontSize: 12, marginRight: 6 }}>
              {(o.data.unit as Unit).people} 人
            </Typography.Text>
            <Tag style={{ marginInlineEnd: 0 }}>{TYPE_NAMES[(o.data.unit as Unit).type] ?? ''}</Tag>
          </span>
        </Space>
      )}
      notFoundContent={q.isFetching ? '正在搜索…' : '辖区内没有找到有在职专业技术人员的单位'}
    />
  );
}

export function BatchPrintModal({
  open,
  year,
  includeClaims,
  onClose,
}: {
  open: boolean;
  year: number;
  includeClaims: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const policies = usePolicies();
  const [unit, setUnit] = useState<Unit | undefined>();
  const cap = useQuery({ queryKey: [...CERTIFICATES_KEY, 'units', ''], queryFn: () => certificatesApi.units(), enabled: open }).data?.cap ?? 500;
  const parts = unit ? Math.ceil(unit.people / cap) : 0;
  const part = Form.useWatch('part', form);
  const count = unit ? (parts > 1 ? Math.min(cap, unit.people - ((part ?? 1) - 1) * cap) : unit.people) : 0;

  const run = useMutation({
    mutationFn: (v: Values) =>
      certificatesApi.printBatch({ orgId: v.orgId, year: v.year, part: parts > 1 ? v.part : undefined, includeClaims: v.includeClaims }),
    onSuccess: (r) => {
      feedback.success(`已生成 ${r.count ?? count} 份学时证明（${r.fileName}）`);
      void qc.invalidateQueries({ queryKey: [...CERTIFICATES_KEY, 'people'] });
      onClose();
    },
  });

  return (
    <Modal
      open={open}
      title="批量打印学时证明"
      okText="生成PDF"
      onOk={() => form.submit()}
      onCancel={() => !run.isPending && onClose()}
      confirmLoading={run.isPending}
      cancelButtonProps={{ disabled: run.isPending }}
      maskClosable={false}
      destroyOnHidden
      afterOpenChange={(o) => {
        if (o) {
          form.setFieldsValue({ year, includeClaims });
          run.reset();
          setUnit(undefined);
        }
      }}
      width={560}
    >
      <Spin spinning={run.isPending} tip={`正在生成 ${count} 页的PDF，请稍候…`}>
        <Form form={form} layout="vertical" name="batchPrint" onFinish={(v) => run.mutate(v)} initialValues={{ year, includeClaims }}>
          <Form.Item label="单位" name="orgId" rules={[{ required: true, message: '请选择单位' }]} extra="辖区内有在职专业技术人员的单位">
            <UnitSelect
              onPick={(u) => {
                setUnit(u);
                form.setFieldValue('part', u && u.people > cap ? 1 : undefined);
              }}
            />
          </Form.Item>
          <Form.Item label="年度" name="year" rules={[{ required: true, message: '请选择年度' }]}>
            <Select options={yearOptions(policies.data?.items)} style={{ width: 160 }} />
          </Form.Item>
          {parts > 1 && (
            <Form.Item
              label="批次"
              name="part"
              rules={[{ required: true, message: '请选择批次' }]}
              extra={`该单位共 ${unit!.people} 人，超过单次上限 ${cap} 人，需分 ${parts} 批打印`}
            >
              <Select
                style={{ width: 260 }}
                options={Array.from({ length: parts }, (_, i) => ({
                  value: i + 1,
                  label: `第 ${i + 1} 批（第 ${i * cap + 1}—${Math.min((i + 1) * cap, unit!.people)} 人）`,
                }))}
              />
            </Form.Item>
          )}
          <Form.Item name="includeClaims" valuePropName="checked">
            <Checkbox>附学时明细（已审核通过的学时）</Checkbox>
          </Form.Item>
        </Form>
        {unit && (
          <Alert
            type="info"
            showIcon
            title={`将为“${unit.name}”的 ${count} 名在职专业技术人员各出具一页学时证明，合成一个PDF文件`}
            description="学时未变化的人员沿用原证书（验证码不变）；学时已变更的人员出具新证书，原证书作废。"
          />
        )}
        {run.error && <Alert type="error" showIcon style={{ marginTop: 12 }} title="生成失败" description={errorMessage(run.error)} />}
      </Spin>
    </Modal>
  );
}
