import { Input, Space, Tooltip } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';

/** 图形验证码: text input plus the challenge image; clicking the image asks for a new one. */
export function CaptchaInput({
  id,
  value,
  onChange,
  image,
  onRefresh,
  disabled,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
  image: string | undefined;
  onRefresh: () => void;
  disabled?: boolean;
}) {
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        id={id}
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        prefix={<SafetyOutlined style={{ color: '#8c8c8c' }} />}
        placeholder="请输入验证码"
        maxLength={6}
        autoComplete="off"
        disabled={disabled}
        size="large"
      />
      <Tooltip title="看不清？点击换一张">
        <button type="button" className="captcha-img" onClick={onRefresh} aria-label="刷新验证码">
          {image ? <img src={image} alt="图形验证码" width={120} height={40} /> : <span>加载中…</span>}
        </button>
      </Tooltip>
    </Space.Compact>
  );
}
