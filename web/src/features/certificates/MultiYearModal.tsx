/**
 * 多年度学时证明 (for a title application): pick a range of years — by default since the year of the current
 * title — and download one PDF with a row per year; its verification code opens the same public 证书验证 page.
 * Used by the person (我的电子证书) and by HR for a person in its jurisdiction (电子证书查询打印).
 */
import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Modal, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { CERTIFICATES_KEY, verifyPath, type MultiYearOptions } from './api';

interface Props {
  open: boolean;
  /** Whose proof, for the title (本人 or the person's name). */
  who: string;
  /** Query key part and loader of the years to choose from. */
  optionsKey: string | number;
  load: () => Promise<MultiYearOptions>;
  print: (fromYear: number, toYear: number) => Promise<{ code: string | null }>;
  onClose: () => void;
}

type Range = [Dayjs | null, Dayjs | null] | null;
const ofYear = (y: number) => dayjs(`${y}-01-01`);

/** Where the default range comes from: the current title's year, or the platform's first year when the title is older. */
function rangeHint(o: MultiYearOptions): string {
  const cap = `一份证明最多 ${o.maxSpan} 个年度。`;
  const titleYear = o.titleDate ? Number(o.titleDate.slice(0, 4)) : null;
  if (titleYear == null) return `平台的学时记录自 ${o.minYear} 年度起；${cap}`;
  if (titleYear < o.defaultFrom) return `现职称取得于 ${titleYear} 年，平台的学时记录自 ${o.minYear} 年度起，默认自 ${o.defaultFrom} 年度起；${cap}`;
  return `默认自现职称取得年度（${titleYear}年）起；${cap}`;
}

export function MultiYearModal({ open, who, optionsKey, load, print, onClose }: Props) {
  const q = useQuery({ queryKey: [...CERTIFICATES_KEY, 'multi-year', optionsKey], queryFn: load, enabled: open });
  const o = q.data;
  const [form] = Form.useForm<{ range: Range }>();
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState<string | null>(null);

  useEffect(() => {
    if (open && o) form.setFieldsValue({ range: [ofYear(o.defaultFrom), ofYear(o.defaultTo)] });
    if (!open) setCode(null);
  }, [open, o, form]);

  const submit = async ({ range }: { range: Range }) => {
    const from = range?.[0]?.year();
    const to = range?.[1]?.year();
    if (from == null || to == null) return;
    setBusy(true);
    try {
      const r = await print(from, to);
      setCode(r.code);
      feedback.success(`已下载${who}${from}—${to}年度的多年度学时证明，验证码 ${r.code ?? ''}`);
    } catch (e) {
      feedback.error(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`多年度学时证明（${who}）`}
      open={open}
      onCancel={onClose}
      okText="下载证明"
      cancelText="关闭"
      confirmLoading={busy}
      okButtonProps={{ disabled: !o }}
      onOk={() => form.submit()}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph type="secondary">
        用于职称申报等：一份证明列出所选各年度的公需、专业科目学时及是否完成当年要求，印有验证码和二维码，可在“证书验证”中核验，核验页显示相同的各年度内容。
      </Typography.Paragraph>
      {q.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} />}
      {o && (
        <Form form={form} name="multiYear" layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item
            label="证明年度"
            name="range"
            extra={rangeHint(o)}
            rules={[
              { required: true, message: '请选择证明年度' },
              {
                validator: async (_, v: Range) => {
                  const from = v?.[0]?.year();
                  const to = v?.[1]?.year();
                  if (from != null && to != null && to - from + 1 > o.maxSpan) throw new Error(`一份证明最多包含 ${o.maxSpan} 个年度`);
                },
              },
            ]}
          >
            <DatePicker.RangePicker
              picker="year"
              allowClear={false}
              placeholder={['起始年度', '截止年度']}
              disabledDate={(d) => d.year() < o.minYear || d.year() > o.maxYear}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Form>
      )}
      {code && (
        <Alert
          type="success"
          showIcon
          title="证明已下载"
          description={
            <>
              验证码{' '}
              <Typography.Text code copyable>
                {code}
              </Typography.Text>
              ，可在<Link to={verifyPath(code)}>证书验证</Link>页面核验。
            </>
          }
        />
      )}
    </Modal>
  );
}
