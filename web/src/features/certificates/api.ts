import type {
  certificatePeople,
  certificatePerson,
  certificateUnits,
  certificateValidity,
  certificateVerification,
  liveCertificate,
  myCertificateYear,
  myCertificates,
  multiYearOptions,
  Wire,
} from '@hbzsgx/domain';
import { api, download, fetchFile, saveFile } from '../../app/api';

export type Validity = Wire<typeof certificateValidity>;

/** The live certificate of a person-year (null until one is printed). */
export type LiveCertificate = Wire<typeof liveCertificate>;

/** A row of 电子证书查询打印. */
export type PersonRow = Wire<typeof certificatePerson>;

export interface PeopleFilters {
  year: number;
  name?: string;
  idNumber?: string;
  orgId?: number;
  orgName?: string;
  sort?: 'name' | 'orgName' | 'totalHours';
  order?: 'asc' | 'desc';
}

export type Unit = Wire<typeof certificateUnits>['items'][number];

/** A year of 我的电子证书. */
export type MyYear = Wire<typeof myCertificateYear>;

/** GET /api/public/certificates/:code — what the certificate states and whether it still holds. */
export type Verification = Wire<typeof certificateVerification>;

/** 多年度学时证明: the years to choose from and the default range. */
export type MultiYearOptions = Wire<typeof multiYearOptions>;

export const CERTIFICATES_KEY = ['certificates'] as const;

/** Prints (a POST: it issues certificates) and saves the PDF; the answer carries the verification code of a single print. */
async function postPdf(path: string, body: unknown, fallback: string): Promise<{ code: string | null; count: number | null; fileName: string }> {
  const res = await fetchFile('POST', path, body);
  const name = await saveFile(res, fallback);
  const count = res.headers.get('X-Certificate-Count');
  return { code: res.headers.get('X-Certificate-Code'), count: count ? Number(count) : null, fileName: name };
}

export const certificatesApi = {
  people: (q: PeopleFilters & { page: number; pageSize: number }) => api.get<Wire<typeof certificatePeople>>('/api/certificates/people', q),
  exportXlsx: (q: PeopleFilters) => download('/api/certificates/people/export', q, '学时证明查询.xlsx'),
  units: (keyword?: string) => api.get<Wire<typeof certificateUnits>>('/api/certificates/units', { keyword }),
  print: (personnelId: number, year: number, includeClaims: boolean) =>
    postPdf('/api/certificates/print', { personnelId, year, includeClaims }, `学时证明_${year}.pdf`),
  printBatch: (body: { orgId: number; year: number; part?: number; includeClaims: boolean }) =>
    postPdf('/api/certificates/print-batch', body, `学时证明_${body.year}.pdf`),
  mine: () => api.get<Wire<typeof myCertificates>>('/api/me/certificates'),
  printMine: (year: number, includeClaims: boolean) => postPdf('/api/me/certificates/print', { year, includeClaims }, `学时证明_${year}.pdf`),
  myMultiYear: () => api.get<MultiYearOptions>('/api/me/certificates/multi-year'),
  printMyMultiYear: (fromYear: number, toYear: number) =>
    postPdf('/api/me/certificates/multi-year', { fromYear, toYear }, `多年度学时证明_${fromYear}-${toYear}.pdf`),
  personMultiYear: (personnelId: number) => api.get<MultiYearOptions>(`/api/certificates/people/${personnelId}/multi-year`),
  printMultiYear: (personnelId: number, fromYear: number, toYear: number) =>
    postPdf('/api/certificates/multi-year', { personnelId, fromYear, toYear }, `多年度学时证明_${fromYear}-${toYear}.pdf`),
  verify: (code: string) => api.get<Verification>(`/api/public/certificates/${encodeURIComponent(code)}`),
};

export const verifyPath = (code: string) => `/verify/${code}`;
