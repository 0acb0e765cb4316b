/** The legally binding snapshot is validated on every read: a tampered or corrupt one is refused, naming no values. */
import { describe, expect, it } from 'vitest';
import { CorruptCertificateError, readSnapshot, type CertificateContent } from './content.js';

const GOOD: CertificateContent = {
  name: '张晓三',
  idNumberMasked: '4201**********1234',
  orgName: '武汉市第一中学',
  titleSeries: '中小学教师',
  titleLevel: '中级',
  year: 2026,
  publicHours: 32,
  professionalHours: 64.5,
  totalHours: 96.5,
  completed: true,
  policy: { totalRequired: 90, publicMin: 24, professionalMin: 56 },
  issuerName: '江岸区人力资源和社会保障局',
  claims: [{ title: '职业道德', subjectType: '公需科目', learningForm: '面授', hours: 32, declaringOrg: '基地' }],
};
const row = (snapshot: unknown, year = 2026) => ({ id: 7, year, snapshot });

function refusal(snapshot: unknown, year?: number): CorruptCertificateError {
  try {
    readSnapshot(row(snapshot, year));
  } catch (e) {
    if (e instanceof CorruptCertificateError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('certificate snapshot', () => {
  it('reads a valid snapshot back as it was stored', () => {
    expect(readSnapshot(row(structuredClone(GOOD)))).toEqual(GOOD);
  });

  it.each<[string, unknown]>([
    ['hours raised without the total', { ...GOOD, publicHours: 320 }],
    ['hours and total raised together, completion flipped', { ...GOOD, publicHours: 0, totalHours: 64.5 }],
    ['completed flipped', { ...GOOD, completed: false }],
    ['hours as text', { ...GOOD, publicHours: '32' }],
    ['negative hours', { ...GOOD, publicHours: -32, totalHours: 32.5 }],
    ['a key removed', (({ issuerName: _i, ...rest }) => rest)(GOOD)],
    ['a key added', { ...GOOD, note: '已核验' }],
    ['a claim line tampered', { ...GOOD, claims: [{ ...GOOD.claims[0], hours: 'many' }] }],
    ['not an object', 'GOOD'],
    ['null', null],
  ])('refuses a snapshot with %s (typed 500, paths only)', (_what, snapshot) => {
    const e = refusal(snapshot);
    expect(e.statusCode).toBe(500);
    expect(e.code).toBe('CERTIFICATE_CORRUPT');
    expect(e.message).toBe('证书数据校验失败，请联系管理员');
    const details = JSON.stringify(e.details);
    expect(details).toContain('"certificateId":7');
    expect(details).not.toContain('张晓三');
    expect(details).not.toContain('4201');
  });

  it('refuses a snapshot of another year than its row', () => {
    expect(refusal(structuredClone(GOOD), 2025).details).toMatchObject({ issues: [{ path: 'year', code: 'year_mismatch' }] });
  });
});
