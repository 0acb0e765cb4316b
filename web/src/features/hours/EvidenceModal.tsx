/** 查看证明材料: the evidence of a personal declaration, shown in place (image or PDF) with 下载, titled by its original file name. */
import { useEffect, useState } from 'react';
import { Alert, Button, Image, Modal, Spin } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { errorMessage, fetchFile, fileName } from '../../app/api';

interface Loaded {
  url: string;
  type: string;
  name: string;
}

async function load(claimId: number): Promise<Loaded> {
  const res = await fetchFile('GET', `/api/claims/${claimId}/evidence`);
  const blob = await res.blob();
  return { url: URL.createObjectURL(blob), type: blob.type, name: fileName(res.headers.get('Content-Disposition'), '证明材料') };
}

export function EvidenceModal({ claimId, title, onClose }: { claimId: number | null; title?: string; onClose: () => void }) {
  const [file, setFile] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (claimId == null) return;
    let alive = true;
    let url: string | null = null;
    setFile(null);
    setError(null);
    load(claimId).then(
      (f) => {
        url = f.url;
        if (alive) setFile(f);
        else URL.revokeObjectURL(f.url);
      },
      (e: unknown) => alive && setError(errorMessage(e)),
    );
    return () => {
      alive = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [claimId]);

  const save = () => {
    if (!file) return;
    const a = document.createElement('a');
    a.href = file.url;
    a.download = file.name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  };

  return (
    <Modal
      // the file by the name it was uploaded with; until it has loaded, what it is evidence of
      title={file ? file.name : (title ?? '证明材料')}
      open={claimId != null}
      onCancel={onClose}
      width={860}
      destroyOnHidden
      footer={[
        <Button key="dl" icon={<DownloadOutlined />} disabled={!file} onClick={save}>
          下载
        </Button>,
        <Button key="close" type="primary" onClick={onClose}>
          关闭
        </Button>,
      ]}
    >
      {error ? (
        <Alert type="error" showIcon title="证明材料加载失败" description={error} />
      ) : !file ? (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin description="正在加载证明材料…" />
        </div>
      ) : file.type.startsWith('image/') ? (
        <div style={{ textAlign: 'center' }}>
          <Image src={file.url} alt={file.name} style={{ maxHeight: 560 }} />
        </div>
      ) : file.type === 'application/pdf' ? (
        <iframe title={file.name} src={file.url} style={{ width: '100%', height: 560, border: '1px solid #f0f0f0', borderRadius: 6 }} />
      ) : (
        <Alert type="info" showIcon title={`${file.name} 无法在页面中预览，请下载后查看。`} />
      )}
    </Modal>
  );
}
