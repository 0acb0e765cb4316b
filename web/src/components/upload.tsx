/**
 * File uploads (年度材料, 证明材料, Excel导入): antd Upload keeps the chosen file in the form (beforeUpload returns
 * false), the form posts multipart data with XMLHttpRequest so that the upload progress can be shown. Text fields
 * go FIRST, then the file: the server reads the fields that precede the file part.
 */
import { Form, Progress, Upload, type FormRule, type UploadFile } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { api, ApiError, type FieldError } from '../app/api';

export interface FileRule {
  /** Lower-case extensions without dot: ['pdf', 'jpg', 'png']. */
  exts: string[];
  maxMB: number;
}

/** Human list of accepted types: "PDF、JPG、PNG". */
export const extList = (r: FileRule) => r.exts.map((e) => e.toUpperCase()).join('、');

/** Why a file is not acceptable, or null. (The server checks the content again; this spares a useless upload.) */
export function checkFile(file: { name: string; size?: number }, r: FileRule): string | null {
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  if (!r.exts.includes(ext)) return `只接受 ${extList(r)} 文件`;
  if ((file.size ?? 0) > r.maxMB * 1024 * 1024) return `文件不能超过${r.maxMB}MB`;
  if (file.size === 0) return '文件是空的';
  return null;
}

/** Form rules of a file field (value = antd fileList). */
export function fileRules(r: FileRule, label = '文件'): FormRule[] {
  return [
    { required: true, type: 'array', min: 1, message: `请选择${label}` },
    {
      validator(_, list: UploadFile[] | undefined) {
        const f = list?.[0];
        if (!f) return Promise.resolve();
        const why = checkFile({ name: f.name, size: f.size ?? f.originFileObj?.size }, r);
        return why ? Promise.reject(new Error(why)) : Promise.resolve();
      },
    },
  ];
}

/** The file of a file field's value. */
export const pickedFile = (list: UploadFile[] | undefined): File | undefined => list?.[0]?.originFileObj as File | undefined;

/** A drag-and-drop file field for a Form: one file, kept locally until the form is submitted. */
export function FileField({ name, label, rule, hint, disabled }: { name: string; label: string; rule: FileRule; hint?: string; disabled?: boolean }) {
  return (
    <Form.Item
      label={label}
      name={name}
      valuePropName="fileList"
      getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
      rules={fileRules(rule, label)}
    >
      <Upload.Dragger beforeUpload={() => false} maxCount={1} accept={rule.exts.map((e) => '.' + e).join(',')} disabled={disabled}>
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或拖拽文件到此区域</p>
        <p className="ant-upload-hint">{hint ?? `支持 ${extList(rule)}，不超过${rule.maxMB}MB`}</p>
      </Upload.Dragger>
    </Form.Item>
  );
}

/** The upload's progress while it runs (null: not uploading). */
export function UploadProgress({ percent }: { percent: number | null }) {
  if (percent === null) return null;
  return (
    <div style={{ marginBottom: 16 }}>
      <Progress percent={percent} status={percent < 100 ? 'active' : 'normal'} size="small" />
      <div style={{ color: '#8c8c8c', fontSize: 12 }}>{percent < 100 ? '正在上传…' : '上传完成，服务器正在处理…'}</div>
    </div>
  );
}

interface ErrorBody {
  code?: string;
  message?: string;
  fields?: FieldError[];
  details?: { field?: string };
}

function toError(status: number, text: string): ApiError {
  let body: ErrorBody = {};
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    /* not JSON */
  }
  const code = body.code ?? (status >= 500 ? 'INTERNAL' : 'HTTP_' + status);
  const message = body.message ?? (status >= 500 ? '服务器暂时无法响应，请稍后再试' : status === 413 ? '文件过大' : `上传失败（${status}）`);
  let fields = body.fields ?? [];
  if (!fields.length && body.details?.field) fields = [{ field: body.details.field, message: message.replace(/^[^：]{1,12}：/, '') }];
  return new ApiError(status, code, message, fields);
}

/**
 * POSTs `fields` then `file` as multipart/form-data (same origin, session cookie), reporting progress 0–100.
 * Errors are ApiErrors with the server's Chinese message.
 */
export function uploadForm<T>(path: string, fields: Record<string, string | number>, file: File, onProgress?: (percent: number) => void): Promise<T> {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, String(v));
  fd.append('file', file, file.name);
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : {}) as T);
        } catch {
          reject(new ApiError(xhr.status, 'BAD_RESPONSE', '服务器返回了无法识别的数据'));
        }
        return;
      }
      const err = toError(xhr.status, xhr.responseText);
      // Let the shared client notice an ended session (it broadcasts the redirect to the login page).
      if (xhr.status === 401) void api.get('/api/auth/me').catch(() => undefined);
      reject(err);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试'));
    xhr.send(fd);
  });
}
