import { api, download, fetchFile, saveFile } from '../../app/api';
import type { Page } from '../../app/types';

export type Validity = 'valid' | 'revoked' | 'changed';
export interface Requirement {
  totalRequired: number;
  publicMin: number;
  professionalMin: number;
}

/** The live certificate of a person-year (null until one is printed). */
export interface LiveCertificate {
  id?: number;
  code: string;
  issuedAt: string;
  validity: Validity;
  validityName: string;
}

/** A row of 电子证书查询打印. */
export interface PersonRow {
  seq: number;
  personnelId: number;
  name: string;
  idNumberMasked: string;
  orgId: number;
  orgName: string;
  titleSeriesName: string;
  titleLevelName: string;
  year: number;
  publicHours: number;
  professionalHours: number;
  totalHours: number;
  completed: boolean;
  completionName: string;
  certificate: LiveCertificate | null;
}

export interface PeopleFilters {
  year: number;
  name?: string;
  idNumber?: string;
  orgId?: number;
  orgName?: string;
  sort?: 'name' | 'orgName' | 'totalHours';
  order?: 'asc' | 'desc';
}

export interface Unit {
  id: number;
  name: string;
  type: string;
  people: number;
}

/** A year of 我的电子证书. */
export interface MyYear {
  year: number;
  publicHours: number;
  professionalHours: number;
  totalHours: number;
  completed: boolean;
  completionName: string;
  policy: Requirement;
  certificate: LiveCertificate | null;
}

/** GET /api/public/certificates/:code — what the certificate states and whether it still holds. */
export interface Verification {
  code: string;
  validity: Validity;
  validityName: string;
  revokedAt: string | null;
  name: string;
  idNumberMasked: string;
  year: number;
  publicHours: number;
  professionalHours: number;
  totalHours: number;
  completed: boolean;
  completionName: string;
  policy: Requirement;
  issuerName: string;
  issuedAt: string;
  issuedOn: string;
  current: { publicHours: number; professionalHours: number; totalHours: number } | null;
}

export const CERTIFICATES_KEY = ['certificates'] as const;

/** Prints (a POST: it issues certificates) and saves the PDF; the answer carries the verification code of a single print. */
async function postPdf(path: string, body: unknown, fallback: string): Promise<{ code: string | null; count: number | null; fileName: string }> {
  const res = await fetchFile('POST', path, body);
  const name = await saveFile(res, fallback);
  const count = res.headers.get('X-Certificate-Count');
  return { code: res.headers.get('X-Certificate-Code'), count: count ? Number(count) : null, fileName: name };
}

export const certificatesApi = {
  people: (q: PeopleFilters & { page: number; pageSize: number }) =>
    api.get<Page<PersonRow> & { policy: Requirement }>('/api/certificates/people', q),
  exportXlsx: (q: PeopleFilters) => download('/api/certificates/people/export', q, '学时证明查询.xlsx'),
  units: (keyword?: string) => api.get<{ cap: number; items: Unit[] }>('/api/certificates/units', { keyword }),
  print: (personnelId: number, year: number, includeClaims: boolean) =>
    postPdf('/api/certificates/print', { personnelId, year, includeClaims }, `学时证明_${year}.pdf`),
  printBatch: (body: { orgId: number; year: number; part?: number; includeClaims: boolean }) =>
    postPdf('/api/certificates/print-batch', body, `学时证明_${body.year}.pdf`),
  mine: () => api.get<{ items: MyYear[] }>('/api/me/certificates'),
  printMine: (year: number, includeClaims: boolean) => postPdf('/api/me/certificates/print', { year, includeClaims }, `学时证明_${year}.pdf`),
  verify: (code: string) => api.get<Verification>(`/api/public/certificates/${encodeURIComponent(code)}`),
};

export const verifyPath = (code: string) => `/verify/${code}`;
