/** The eye button: shows an admin's full 证件号 and 手机号 (needs pii.view; every view is audited). */
import { useState } from 'react';
import { App, Button, Descriptions, Tooltip } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { ID_TYPES } from '@hbzsgx/domain';
import { feedback } from '../../app/feedback';
import { adminsApi, type Admin } from './api';

export function IdentityButton({ admin }: { admin: Admin }) {
  const { modal } = App.useApp();
  const [loading, setLoading] = useState(false);
  const reveal = async () => {
    setLoading(true);
    try {
      const r = await adminsApi.identity(admin.id);
      modal.info({
        title: `${admin.name} 的完整身份信息`,
        width: 480,
        okText: '关闭',
        content: (
          <>
            <Descriptions
              column={1}
              size="small"
              bordered
              style={{ marginTop: 12 }}
              items={[
                { key: 't', label: '证件类型', children: ID_TYPES[r.idType] ?? r.idType },
                { key: 'n', label: '证件号', children: <span className="mono">{r.idNumber}</span> },
                { key: 'p', label: '手机号', children: <span className="mono">{r.phone || '—'}</span> },
              ]}
            />
            <div style={{ marginTop: 12, fontSize: 12, color: '#8c8c8c' }}>本次查看已记入审计日志，请勿截屏或外传个人信息。</div>
          </>
        ),
      });
    } catch (e) {
      feedback.error(e);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Tooltip title="查看完整证件号和手机号">
      <Button type="text" size="small" icon={<EyeOutlined />} loading={loading} onClick={reveal} aria-label={`查看${admin.name}的完整证件号`} />
    </Tooltip>
  );
}
