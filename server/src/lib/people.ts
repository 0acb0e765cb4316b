/** Building a `users` row from a person's data: encryption, blind index, masked copies, derived gender/birth date. */
import { deriveFromIdNumber, maskIdNumber, maskPhone, type IdType } from '@hbzsgx/domain';
import type { users } from '../db/schema.js';
import type { Pii } from './pii.js';

export interface NewUser {
  idType?: IdType;
  idNumber: string;
  name: string;
  phone?: string;
  email?: string;
  landline?: string | null;
  passwordHash: string | null;
  mustChangePassword?: boolean;
}

/** `idNumber` must already be validated and normalised (checkIdNumber). */
export function userValues(pii: Pii, u: NewUser): typeof users.$inferInsert {
  const idType = u.idType ?? 'resident';
  const d = deriveFromIdNumber(idType, u.idNumber);
  const mustChange = u.mustChangePassword ?? true;
  return {
    idType,
    idNumberEnc: pii.encrypt(u.idNumber),
    idNumberHash: pii.blindIndex(u.idNumber),
    idNumberMasked: maskIdNumber(u.idNumber),
    name: u.name,
    gender: d?.gender ?? null,
    birthDate: d?.birthDate ?? null,
    ...phoneValues(pii, u.phone),
    email: u.email ?? null,
    landline: u.landline || null,
    passwordHash: u.passwordHash,
    mustChangePassword: mustChange,
    passwordChangedAt: mustChange ? null : new Date(),
  };
}

/** The stored form of a 手机号: encrypted, and its masked copy for every list (none: both null). */
export function phoneValues(pii: Pii, phone: string | null | undefined) {
  return { phoneEnc: phone ? pii.encrypt(phone) : null, phoneMasked: phone ? maskPhone(phone) : null };
}
