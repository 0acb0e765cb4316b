/**
 * The files of a material grouped by category (学习指南, 工作通知, 工作总结, 其他). Each file downloads with its
 * original name. In a draft, each category has its own 上传 (one request per file, with progress) and every file a
 * 删除 behind a Popconfirm.
 */
import { useState } from 'react';
import { Button, Popconfirm, Progress, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { MATERIAL_CATEGORIES, MATERIAL_CATEGORY_CODES, type MaterialCategory } from '@hbzsgx/domain';
import { feedback } from '../../app/feedback';
import { checkFile, extList } from '../../components/upload';
import { fileSize } from '../training/api';
import { MATERIAL_FILE_RULE, materialsApi, type Material, type MaterialFile } from './api';
import './materials.css';

interface InFlight {
  uid: string;
  name: string;
  percent: number;
}

function CategoryFiles({
  material,
  category,
  editable,
  onDownload,
  onChanged,
}: {
  material: Material;
  category: MaterialCategory;
  editable: boolean;
  onDownload: (f: MaterialFile) => Promise<void>;
  onChanged: () => void;
}) {
  const name = MATERIAL_CATEGORIES[category];
  const list = material.files.filter((f) => f.category === category);
  const [uploads, setUploads] = useState<InFlight[]>([]);
  const [removing, setRemoving] = useState<number | null>(null);

  const upload = async (file: File, uid: string) => {
    setUploads((u) => [...u, { uid, name: file.name, percent: 0 }]);
    try {
      await materialsApi.upload(material.id, category, file, (percent) => setUploads((u) => u.map((x) => (x.uid === uid ? { ...x, percent } : x))));
      feedback.success(`已上传“${file.name}”`);
    } catch (e) {
      feedback.error(e);
    } finally {
      setUploads((u) => u.filter((x) => x.uid !== uid));
      onChanged();
    }
  };
  const remove = async (f: MaterialFile) => {
    setRemoving(f.fileId);
    try {
      await materialsApi.removeFile(material.id, f.fileId);
      feedback.success(`已删除“${f.name}”`);
    } catch (e) {
      feedback.error(e);
    } finally {
      setRemoving(null);
      onChanged();
    }
  };
  const download = (f: MaterialFile) => void onDownload(f).catch((e: unknown) => feedback.error(e));

  return (
    <div className="material-category" data-category={category}>
      <div className="material-category-head">
        <span className="material-category-title">
          {name}
          <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 8 }}>
            {list.length} 个文件
          </Typography.Text>
        </span>
        {editable && (
          <Upload
            multiple
            showUploadList={false}
            accept={MATERIAL_FILE_RULE.exts.map((e) => '.' + e).join(',')}
            beforeUpload={(file) => {
              const why = checkFile(file, MATERIAL_FILE_RULE);
              if (why) {
                feedback.warning(`“${file.name}”：${why}`);
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={(o) =>
              void upload(o.file as File, (o.file as { uid?: string }).uid ?? String(Math.random())).then(() => o.onSuccess?.({}))
            }
          >
            <Button size="small" icon={<UploadOutlined />}>
              上传{name}
            </Button>
          </Upload>
        )}
      </div>
      {list.map((f) => (
        <div className="material-file" key={f.fileId}>
          <span className="material-file-name" title={f.name}>
            <PaperClipOutlined style={{ color: '#8c8c8c', marginInlineEnd: 6 }} />
            <a onClick={() => download(f)}>{f.name}</a>
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
              {fileSize(f.size)}
            </Typography.Text>
          </span>
          <Space size={0}>
            <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => download(f)}>
              下载
            </Button>
            {editable && (
              <Popconfirm
                title="删除文件"
                description={`确定从材料中删除“${f.name}”吗？`}
                okText="删除"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() => remove(f)}
              >
                <Button type="link" size="small" danger icon={<DeleteOutlined />} loading={removing === f.fileId}>
                  删除
                </Button>
              </Popconfirm>
            )}
          </Space>
        </div>
      ))}
      {uploads.map((u) => (
        <div className="material-file" key={u.uid}>
          <span className="material-file-name">
            <PaperClipOutlined style={{ color: '#8c8c8c', marginInlineEnd: 6 }} />
            {u.name}
          </span>
          <Progress percent={u.percent} size="small" style={{ width: 160, margin: 0 }} status="active" />
        </div>
      ))}
      {!list.length && !uploads.length && <div className="material-file-empty">暂无{name}文件</div>}
    </div>
  );
}

export function MaterialFiles({
  material,
  editable,
  onDownload,
  onChanged = () => undefined,
}: {
  material: Material;
  editable: boolean;
  onDownload: (f: MaterialFile) => Promise<void>;
  onChanged?: () => void;
}) {
  return (
    <div>
      {editable && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          按类别上传材料文件，每次可选择多个文件。支持 {extList(MATERIAL_FILE_RULE)}，单个文件不超过{MATERIAL_FILE_RULE.maxMB}
          MB（按文件内容识别类型）。
        </Typography.Paragraph>
      )}
      {MATERIAL_CATEGORY_CODES.map((c) => (
        <CategoryFiles key={c} material={material} category={c} editable={editable} onDownload={onDownload} onChanged={onChanged} />
      ))}
    </div>
  );
}
