import { Space, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { fmtDate } from '../../components/format';
import { verifyPath, type LiveCertificate, type Validity } from './api';
import './certificates.css';

const VALIDITY: Record<Validity, { color: string; icon: React.ReactNode; tip: string }> = {
  valid: { color: 'success', icon: <CheckCircleFilled />, tip: '证书内容与平台当前学时一致' },
  changed: { color: 'warning', icon: <ExclamationCircleFilled />, tip: '出具后学时有变更（如学时审验不通过），重新打印将出具新证书并作废原证书' },
  revoked: { color: 'error', icon: <CloseCircleFilled />, tip: '证书已作废' },
};

export function ValidityTag({ validity, name }: { validity: Validity; name: string }) {
  const v = VALIDITY[validity];
  return (
    <Tooltip title={v.tip}>
      <Tag color={v.color} icon={v.icon}>
        {name}
      </Tag>
    </Tooltip>
  );
}

export function CompletionTag({ completed }: { completed: boolean }) {
  return completed ? <Tag color="success">已完成</Tag> : <Tag color="warning">未完成</Tag>;
}

/** The live certificate of a row: state, verification code (opens the public page) and issue date. */
export function CertificateCell({ cert }: { cert: LiveCertificate | null }) {
  if (!cert) return <Typography.Text type="secondary">未出具</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      <Space size={4}>
        <ValidityTag validity={cert.validity} name={cert.validityName} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {fmtDate(cert.issuedAt)} 出具
        </Typography.Text>
      </Space>
      <Typography.Link
        href={verifyPath(cert.code)}
        target="_blank"
        rel="noopener"
        copyable={{ text: cert.code, tooltips: ['复制验证码', '已复制'] }}
        className="cert-code"
      >
        {cert.code}
      </Typography.Link>
    </Space>
  );
}
