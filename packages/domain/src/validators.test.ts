import { describe, expect, it } from 'vitest';
import { checkIdNumber, deriveFromIdNumber, normalizeIdNumber, residentCheckChar } from './idNumber.js';
import { checkCreditCode, creditCodeCheckChar } from './creditCode.js';
import { checkPassword } from './password.js';
import { maskIdNumber, maskPhone } from './mask.js';

describe('居民身份证号 (GB 11643)', () => {
  it.each([
    '11010519491231002X',
    '110105194912310029'.slice(0, 17) + residentCheckChar('11010519491231002'),
    '440524188001010014',
    '420102199003072913',
  ])('accepts valid %s', (v) => {
    const r = checkIdNumber('resident', v);
    expect(r).toEqual({ ok: true, value: v.toUpperCase() });
  });
  it('lower-case x becomes X', () => {
    expect(checkIdNumber('resident', '11010519491231002x')).toEqual({ ok: true, value: '11010519491231002X' });
  });
  it('accepts full-width digits and stray spaces', () => {
    expect(checkIdNumber('resident', ' １１０１０５１９４９１２３１００２Ｘ ')).toEqual({ ok: true, value: '11010519491231002X' });
  });
  it.each([
    ['110105194912310021', '校验位'],
    ['11010519491231002', '18位'],
    ['1101051949123100XX', '18位'],
    ['110105194902300021', '出生日期'],
    ['110105203001010010', '出生日期'],
    ['110105185001010010', '出生日期'],
  ])('rejects %s (%s)', (v, reason) => {
    const r = checkIdNumber('resident', v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
  it('allows abolished address codes (only the checksum and date matter)', () => {
    const first17 = '42010719800101001'; // 武汉市青山区 code style; not checked against a list
    expect(checkIdNumber('resident', first17 + residentCheckChar(first17)).ok).toBe(true);
  });
  it('derives gender and birth date', () => {
    expect(deriveFromIdNumber('resident', '11010519491231002X')).toEqual({ gender: 'female', birthDate: '1949-12-31' });
    expect(deriveFromIdNumber('resident', '440524188001010014')).toEqual({ gender: 'male', birthDate: '1880-01-01' });
    expect(deriveFromIdNumber('passport', 'E12345678')).toBeNull();
  });
  it('checks other document formats', () => {
    expect(checkIdNumber('passport', 'E12345678').ok).toBe(true);
    expect(checkIdNumber('passport', 'ABC').ok).toBe(false);
    expect(checkIdNumber('hkMacao', 'H12345678').ok).toBe(true);
    expect(checkIdNumber('hkMacao', 'X12345678').ok).toBe(false);
    expect(checkIdNumber('taiwan', '12345678').ok).toBe(true);
    expect(checkIdNumber('taiwan', '1234567').ok).toBe(false);
  });
  it('normalises', () => expect(normalizeIdNumber(' ４２０１ x ')).toBe('4201X'));
});

describe('统一社会信用代码 (GB 32100)', () => {
  it.each(['91350100M000100Y43', '91110000600037341L', '911100007109304474'.slice(0, 17) + creditCodeCheckChar('91110000710930447')])(
    'accepts valid %s',
    (v) => expect(checkCreditCode(v).ok).toBe(true),
  );
  it('upper-cases and trims', () => expect(checkCreditCode(' 91350100m000100y43 ')).toEqual({ ok: true, value: '91350100M000100Y43' }));
  it.each([
    ['91350100M000100Y44', '校验位'],
    ['91350100M000100Y4', '18位'],
    ['91350100M0001O0Y43', '无效字符'],
    ['91350100I000100Y43', '无效字符'],
    ['91AB0100M000100Y43', '行政区划'],
  ])('rejects %s (%s)', (v, reason) => {
    const r = checkCreditCode(v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});

describe('password policy', () => {
  it('needs 8 chars and 3 of 4 classes, not the 证件号', () => {
    expect(checkPassword('Abc12345')).toBeNull();
    expect(checkPassword('abc!2345')).toBeNull();
    expect(checkPassword('Ab1!')).toContain('不能少于8位');
    expect(checkPassword('abcdefgh1')).toContain('至少3类');
    expect(checkPassword('ABCDEFGH')).toContain('至少3类');
    expect(checkPassword('11010519491231002X', { idNumber: '11010519491231002X' })).toContain('证件号');
    expect(checkPassword('11010519491231002x', { idNumber: '11010519491231002X' })).toContain('证件号');
    expect(checkPassword('Abcdefg1', { policy: { minLength: 10, minClasses: 3 } })).toContain('不能少于10位');
  });
});

describe('masking', () => {
  it('masks 证件号 as 4201**********123X and phones as 138****5678', () => {
    expect(maskIdNumber('42010219900307123X')).toBe('4201**********123X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('E12345678')).toBe('E123*5678');
    expect(maskIdNumber('')).toBe('');
  });
});
