// A new event is dated today on the event's clock (Vietnam), not in UTC: between 00:00 and
// 07:00 Vietnam time the UTC date is still yesterday's.
import { describe, expect, it } from 'vitest';
import { blankEvent } from '../../src/ui/coordinator/event-form.tsx';
import { localDateOf } from '../../src/domain/event-time.ts';

describe('a new event form', () => {
  it('is dated today in Vietnam at 06:30 there (23:30 UTC the day before)', () => {
    const at = Date.UTC(2026, 11, 1, 23, 30);
    expect(new Date(at).toISOString().slice(0, 10)).toBe('2026-12-01');
    expect(blankEvent(at).date).toBe('2026-12-02');
    expect(blankEvent(at).timeZone).toBe('Asia/Ho_Chi_Minh');
  });
  it('takes the clock when it opens, so a page left open past midnight moves on', () => {
    expect(blankEvent(Date.UTC(2026, 11, 1, 16, 59)).date).toBe('2026-12-01');
    expect(blankEvent(Date.UTC(2026, 11, 1, 17, 0)).date).toBe('2026-12-02');
  });
  it('knows other zones too', () => {
    expect(localDateOf(Date.UTC(2026, 11, 2, 3, 0), 'America/New_York')).toBe('2026-12-01');
    expect(localDateOf(Date.UTC(2026, 11, 31, 15, 0), 'Asia/Tokyo')).toBe('2027-01-01');
  });
});
