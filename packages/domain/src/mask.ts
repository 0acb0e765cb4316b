/** Masking of personal data for lists, exports and logs. */
export function maskIdNumber(v: string | null | undefined): string {
  if (!v) return '';
  if (v.length <= 8) return v.slice(0, 2) + '*'.repeat(Math.max(v.length - 3, 1)) + v.slice(-1);
  return v.slice(0, 4) + '*'.repeat(v.length - 8) + v.slice(-4);
}
export function maskPhone(v: string | null | undefined): string {
  if (!v) return '';
  if (v.length < 7) return v.slice(0, 1) + '*'.repeat(v.length - 1);
  return v.slice(0, 3) + '*'.repeat(v.length - 7) + v.slice(-4);
}
