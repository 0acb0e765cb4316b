import { beijingYear, type MaterialCategory, type MaterialStatus } from '@hbzsgx/domain';
import type { addedMaterialFile, idResponse, material, materialFile, materialPage, okResponse, Wire } from '@hbzsgx/domain';
import { api, download } from '../../app/api';
import { uploadForm } from '../../components/upload';

export type MaterialFile = Wire<typeof materialFile>;
/** A submission of 年度工作材料 (own, or of an organisation in the jurisdiction). */
export type Material = Wire<typeof material>;
type Ok = Wire<typeof okResponse>;

export interface MaterialBody {
  year: number;
  name: string;
  description: string;
}
export interface OwnFilters {
  year?: number;
  status?: MaterialStatus;
}
export interface JurisdictionFilters {
  year?: number;
  orgName?: string;
  divisionCode?: string;
  status?: 'unviewed' | 'viewed';
}
type Paged<T> = T & { page: number; pageSize: number };

export const MATERIALS_KEY = ['materials'] as const;
export const JURISDICTION_KEY = ['materials', 'jurisdiction'] as const;

/** 报送年度 options: this year and the five before it (the server also accepts next year). */
export function recentYears(): { value: number; label: string }[] {
  const y = beijingYear();
  return Array.from({ length: 6 }, (_, i) => ({ value: y - i, label: `${y - i}年度` }));
}

/** The file types the server accepts (it checks the content again). */
export const MATERIAL_FILE_RULE = { exts: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'jpeg', 'png'], maxMB: 20 };

export const materialsApi = {
  list: (q: Paged<OwnFilters>) => api.get<Wire<typeof materialPage>>('/api/materials', q),
  exportXlsx: (f: OwnFilters) => download('/api/materials/export', f, '年度工作材料报送.xlsx'),
  get: (id: number) => api.get<Material>(`/api/materials/${id}`),
  create: (body: MaterialBody) => api.post<Wire<typeof idResponse>>('/api/materials', body),
  update: (id: number, body: MaterialBody) => api.put<Ok>(`/api/materials/${id}`, body),
  upload: (id: number, category: MaterialCategory, file: File, onProgress?: (p: number) => void) =>
    uploadForm<Wire<typeof addedMaterialFile>>(`/api/materials/${id}/files`, { category }, file, onProgress),
  removeFile: (id: number, fileId: number) => api.del<Ok>(`/api/materials/${id}/files/${fileId}`),
  submit: (id: number) => api.post<Ok>(`/api/materials/${id}/submit`),
  withdraw: (id: number) => api.post<Ok>(`/api/materials/${id}/withdraw`),
  download: (id: number, f: MaterialFile) => download(`/api/materials/${id}/files/${f.fileId}`, undefined, f.name),

  jurisdiction: (q: Paged<JurisdictionFilters>) => api.get<Wire<typeof materialPage>>('/api/materials/jurisdiction', q),
  jurisdictionExport: (f: JurisdictionFilters) => download('/api/materials/jurisdiction/export', f, '辖区年度工作材料报送情况.xlsx'),
  jurisdictionGet: (id: number) => api.get<Material>(`/api/materials/jurisdiction/${id}`),
  jurisdictionDownload: (id: number, f: MaterialFile) => download(`/api/materials/jurisdiction/${id}/files/${f.fileId}`, undefined, f.name),
};
