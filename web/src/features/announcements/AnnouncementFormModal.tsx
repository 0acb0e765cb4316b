/**
 * 新建 / 编辑 an announcement (a draft or a withdrawn one): 类别, 标题, 正文 (plain text, line breaks kept), 置顶, and its
 * attachments — the files picked here are uploaded once the draft is saved; the ones already there can be removed.
 */
import { useEffect, useState } from 'react';
import { Button, Form, Input, Popconfirm, Radio, Switch, Typography, Upload, type UploadFile } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { ANNOUNCEMENT_BODY_MAX, ANNOUNCEMENT_KINDS, type AnnouncementKind } from '@hbzsgx/domain';
import { feedback } from '../../app/feedback';
import { FormModal } from '../../components/FormModal';
import { checkFile, extList } from '../../components/upload';
import { fileSize } from '../training/api';
import { ATTACHMENT_RULE, announcementsApi, type AnnouncementBody, type AnnouncementFile } from './api';

interface Values extends AnnouncementBody {
  files?: UploadFile[];
}

export function AnnouncementFormModal({
  editing,
  onClose,
  onSaved,
}: {
  /** 'new', the id of the announcement to edit, or null (closed). */
  editing: number | 'new' | null;
  onClose: () => void;
  onSaved: (created: boolean) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [removing, setRemoving] = useState<number | null>(null);
  const isNew = editing === 'new';
  const id = typeof editing === 'number' ? editing : null;
  const current = useQuery({
    queryKey: ['announcements', 'admin', 'detail', id],
    queryFn: () => announcementsApi.managedGet(id!),
    enabled: id != null,
  });

  useEffect(() => {
    if (!editing) return;
    if (editing === 'new') form.setFieldsValue({ noticeKind: 'notice', headline: '', content: '', pinned: false, files: [] });
  }, [editing, form]);
  useEffect(() => {
    const a = current.data;
    if (a && editing === a.id) form.setFieldsValue({ noticeKind: a.kind, headline: a.title, content: a.body, pinned: a.pinned, files: [] });
  }, [current.data, editing, form]);

  const submit = async (v: Values) => {
    const body = { noticeKind: v.noticeKind, headline: v.headline.trim(), content: v.content.trim(), pinned: !!v.pinned };
    let savedId = id;
    if (savedId == null) savedId = (await announcementsApi.create(body)).id;
    else await announcementsApi.update(savedId, body);
    try {
      for (const f of v.files ?? []) {
        if (f.originFileObj) await announcementsApi.upload(savedId, f.originFileObj as File);
      }
    } catch (e) {
      // a new draft was saved; what failed was an attachment: say so, the draft is in the list to edit again
      if (!isNew) throw e;
      feedback.error(e);
    }
  };

  const removeFile = async (f: AnnouncementFile) => {
    if (id == null) return;
    setRemoving(f.fileId);
    try {
      await announcementsApi.removeFile(id, f.fileId);
      feedback.success(`已删除附件“${f.name}”`);
      await current.refetch();
    } catch (e) {
      feedback.error(e);
    } finally {
      setRemoving(null);
    }
  };

  return (
    <FormModal
      title={isNew ? '新建通知公告' : '编辑通知公告'}
      open={!!editing}
      onClose={onClose}
      width={760}
      forceRender
      form={form}
      name="announcementForm"
      submit={submit}
      onSuccess={() => onSaved(isNew)}
    >
      <Form.Item label="类别" name="noticeKind" rules={[{ required: true, message: '请选择类别' }]}>
        <Radio.Group
          optionType="button"
          options={(Object.keys(ANNOUNCEMENT_KINDS) as AnnouncementKind[]).map((k) => ({ value: k, label: ANNOUNCEMENT_KINDS[k] }))}
        />
      </Form.Item>
      <Form.Item
        label="标题"
        name="headline"
        rules={[
          { required: true, whitespace: true, message: '请填写标题' },
          { max: 100, message: '不能超过100个字符' },
        ]}
      >
        <Input maxLength={100} showCount placeholder="如：关于做好2026年度专业技术人员继续教育工作的通知" />
      </Form.Item>
      <Form.Item
        label="正文"
        name="content"
        rules={[
          { required: true, whitespace: true, message: '请填写正文' },
          { max: ANNOUNCEMENT_BODY_MAX, message: `不能超过${ANNOUNCEMENT_BODY_MAX}个字符` },
        ]}
      >
        <Input.TextArea maxLength={ANNOUNCEMENT_BODY_MAX} showCount autoSize={{ minRows: 8, maxRows: 16 }} placeholder="纯文本，换行会按原样显示" />
      </Form.Item>
      <Form.Item label="置顶" name="pinned" valuePropName="checked" tooltip="置顶的通知公告在首页和工作台排在最前">
        <Switch checkedChildren="置顶" unCheckedChildren="否" />
      </Form.Item>
      <Form.Item label="附件" extra={`${extList(ATTACHMENT_RULE)}，每个不超过${ATTACHMENT_RULE.maxMB}MB，最多10个；保存时上传`}>
        {(current.data?.files ?? []).map((f) => (
          <div className="announcement-file" key={f.fileId}>
            <span>
              <PaperClipOutlined style={{ color: '#8c8c8c', marginInlineEnd: 6 }} />
              <a onClick={() => id != null && void announcementsApi.downloadOwn(id, f).catch((e: unknown) => feedback.error(e))}>{f.name}</a>
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
                {fileSize(f.size)}
              </Typography.Text>
            </span>
            <Popconfirm
              title="删除附件"
              description={`确定删除附件“${f.name}”吗？`}
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => removeFile(f)}
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />} loading={removing === f.fileId}>
                删除
              </Button>
            </Popconfirm>
          </div>
        ))}
        <Form.Item name="files" valuePropName="fileList" getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList} noStyle>
          <Upload
            multiple
            accept={ATTACHMENT_RULE.exts.map((e) => '.' + e).join(',')}
            beforeUpload={(file) => {
              const why = checkFile(file, ATTACHMENT_RULE);
              if (why) {
                feedback.warning(`“${file.name}”：${why}`);
                return Upload.LIST_IGNORE;
              }
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>选择附件</Button>
          </Upload>
        </Form.Item>
      </Form.Item>
    </FormModal>
  );
}
