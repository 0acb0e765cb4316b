import type { AnnouncementKind, AnnouncementStatus } from '@hbzsgx/domain';
import type {
  addedAnnouncementFile,
  announcementDetail,
  announcementFile,
  announcementItem,
  announcementPage,
  idResponse,
  managedAnnouncement,
  managedAnnouncementDetail,
  managedAnnouncementPage,
  okResponse,
  Wire,
} from '@hbzsgx/domain';
import { api, download } from '../../app/api';
import { uploadForm } from '../../components/upload';

export type AnnouncementItem = Wire<typeof announcementItem>;
export type AnnouncementDetail = Wire<typeof announcementDetail>;
export type AnnouncementFile = Wire<typeof announcementFile>;
export type ManagedAnnouncement = Wire<typeof managedAnnouncement>;
export type ManagedAnnouncementDetail = Wire<typeof managedAnnouncementDetail>;
type Ok = Wire<typeof okResponse>;
type Page = Wire<typeof announcementPage>;

/** The request's field names (domain schemas.ts announcementBody). */
export interface AnnouncementBody {
  noticeKind: AnnouncementKind;
  headline: string;
  content: string;
  pinned: boolean;
}
export interface ManagedFilters {
  noticeKind?: AnnouncementKind;
  status?: AnnouncementStatus;
  headline?: string;
}
interface ReaderQuery {
  noticeKind?: AnnouncementKind;
  page: number;
  pageSize: number;
}

/** Every list of announcements is under this key: a publish or withdraw refreshes the home page, dashboards and lists. */
export const ANNOUNCEMENTS_KEY = ['announcements'] as const;

/** The attachment types the server accepts (it checks the content again). */
export const ATTACHMENT_RULE = { exts: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'jpeg', 'png'], maxMB: 20 };

/** A published announcement's attachment: a plain link (the server answers it as a download, published ones only). */
export const publicFileUrl = (id: number, f: AnnouncementFile) => `/api/public/announcements/${id}/files/${f.fileId}`;

export const announcementsApi = {
  // public (home page, /notices/:id)
  publicList: (q: ReaderQuery) => api.get<Page>('/api/public/announcements', q),
  publicGet: (id: number) => api.get<AnnouncementDetail>(`/api/public/announcements/${id}`),
  // logged in: the province's and the own city's
  list: (q: ReaderQuery) => api.get<Page>('/api/announcements', q),
  get: (id: number) => api.get<AnnouncementDetail>(`/api/announcements/${id}`),
  // 通知公告管理
  managed: (q: ManagedFilters & { page: number; pageSize: number }) => api.get<Wire<typeof managedAnnouncementPage>>('/api/announcement-admin', q),
  exportXlsx: (f: ManagedFilters) => download('/api/announcement-admin/export', f, '通知公告.xlsx'),
  managedGet: (id: number) => api.get<ManagedAnnouncementDetail>(`/api/announcement-admin/${id}`),
  create: (body: AnnouncementBody) => api.post<Wire<typeof idResponse>>('/api/announcement-admin', body),
  update: (id: number, body: AnnouncementBody) => api.put<Ok>(`/api/announcement-admin/${id}`, body),
  remove: (id: number) => api.del<Ok>(`/api/announcement-admin/${id}`),
  publish: (id: number) => api.post<Ok>(`/api/announcement-admin/${id}/publish`),
  withdraw: (id: number) => api.post<Ok>(`/api/announcement-admin/${id}/withdraw`),
  upload: (id: number, file: File, onProgress?: (p: number) => void) =>
    uploadForm<Wire<typeof addedAnnouncementFile>>(`/api/announcement-admin/${id}/files`, {}, file, onProgress),
  removeFile: (id: number, fileId: number) => api.del<Ok>(`/api/announcement-admin/${id}/files/${fileId}`),
  downloadOwn: (id: number, f: AnnouncementFile) => download(`/api/announcement-admin/${id}/files/${f.fileId}`, undefined, f.name),
};
