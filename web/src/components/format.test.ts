/** The web's one time formatter shows Beijing time whatever the browser's zone (issue 9: 13:59 on screen, 21:59 in the xlsx). */
import { afterEach, describe, expect, it } from 'vitest';
import { fmtDate, fmtMinute, fmtTime } from './format';

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('fmtTime / fmtMinute / fmtDate', () => {
  for (const tz of ['UTC', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Tokyo']) {
    it(`show Beijing time in a browser running in ${tz}`, () => {
      process.env.TZ = tz;
      expect(fmtTime('2026-06-01T13:59:00.000Z')).toBe('2026-06-01 21:59:00');
      expect(fmtMinute('2026-06-01T13:59:00.000Z')).toBe('2026-06-01 21:59');
      expect(fmtTime(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01 00:00:00');
      expect(fmtDate('2026-12-31T16:30:00.000Z')).toBe('2027-01-01'); // already the next day in Beijing
      expect(fmtDate('2026-05-03T15:59:59.000Z')).toBe('2026-05-03');
      expect(fmtDate('2026-05-03')).toBe('2026-05-03'); // a date-only value is a calendar day, shown as it is
    });
  }

  it('show a dash for empty or unreadable values', () => {
    for (const v of [null, undefined, '', 'not a date']) {
      expect(fmtTime(v)).toBe('—');
      expect(fmtMinute(v)).toBe('—');
      expect(fmtDate(v)).toBe('—');
    }
  });
});
