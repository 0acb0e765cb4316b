/** 专业技术职务: 职称系列 → 职称级别 (only the levels the series has), 职称名称, 取得时间. */
import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { beijingDate, TITLE_LEVELS, TITLE_SERIES, type TitleLevel } from '@hbzsgx/domain';

export const TITLE_SERIES_OPTIONS = TITLE_SERIES.map((s) => ({ value: s.code, label: s.name }));

export function titleLevelOptions(series: string | undefined) {
  const s = TITLE_SERIES.find((x) => x.code === series);
  return (s?.levels ?? []).map((l) => ({ value: l, label: TITLE_LEVELS[l] }));
}

export function titleSeriesName(code: string | null | undefined): string | undefined {
  return TITLE_SERIES.find((s) => s.code === code)?.name;
}
export function titleLevelName(code: string | null | undefined): string | undefined {
  return code ? TITLE_LEVELS[code as TitleLevel] : undefined;
}

/** Form value ↔ DatePicker: the form keeps 'YYYY-MM-DD' (or ''), as the API wants. */
export const dateFieldProps = {
  getValueProps: (v: string | undefined) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : ''),
};

export function TitleFields({ requireSeries = true }: { requireSeries?: boolean }) {
  const form = Form.useFormInstance();
  const series = Form.useWatch<string | undefined>('titleSeries', form);
  return (
    <>
      <Form.Item label="职称系列" name="titleSeries" rules={requireSeries ? [{ required: true, message: '请选择职称系列' }] : []}>
        <Select
          options={TITLE_SERIES_OPTIONS}
          placeholder="请选择职称系列"
          showSearch={{ optionFilterProp: 'label' }}
          onChange={(v: string) => {
            const level = form.getFieldValue('titleLevel') as string | undefined;
            if (level && !titleLevelOptions(v).some((o) => o.value === level)) form.setFieldValue('titleLevel', undefined);
          }}
        />
      </Form.Item>
      <Form.Item
        label="职称级别"
        name="titleLevel"
        dependencies={['titleSeries']}
        rules={requireSeries ? [{ required: true, message: '请选择职称级别' }] : []}
      >
        <Select options={titleLevelOptions(series)} placeholder={series ? '请选择职称级别' : '请先选择职称系列'} disabled={!series} />
      </Form.Item>
      <Form.Item label="职称名称" name="titleName" rules={[{ max: 50, message: '不能超过50个字符' }]} extra="如：一级教师、主治医师、工程师">
        <Input placeholder="请输入职称名称" maxLength={50} />
      </Form.Item>
      <Form.Item label="取得时间" name="titleDate" {...dateFieldProps}>
        <DatePicker placeholder="请选择取得时间" style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > beijingDate()} />
      </Form.Item>
    </>
  );
}
