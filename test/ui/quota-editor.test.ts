// The quota editor's rows read back: a plain number is one quota with no category.
import { describe, expect, it } from 'vitest';
import { quotasFrom } from '../../src/ui/coordinator/quota-editor.tsx';

const form = (rows: Array<[string, string]>) => {
  const data = new FormData();
  for (const [category, quota] of rows) { data.append('quota-category', category); data.append('quota-number', quota); }
  return data;
};

describe('quotas from the editor', () => {
  it('takes a plain 100 as one quota with no category', () => {
    expect(quotasFrom(form([['', '100']]))).toEqual({ ok: true, quotas: [{ category: '', quota: 100 }] });
    expect(quotasFrom(form([['', ' 1.000 ']]))).toEqual({ ok: true, quotas: [{ category: '', quota: 1000 }] });
  });
  it('takes a split quota, each part named', () => {
    expect(quotasFrom(form([['Giáo viên', '50'], ['Học sinh', '200']]))).toEqual({ ok: true, quotas: [{ category: 'Giáo viên', quota: 50 }, { category: 'Học sinh', quota: 200 }] });
  });
  it('says what is wrong otherwise', () => {
    expect(quotasFrom(form([['', 'một trăm']]))).toEqual({ ok: false, reason: 'notNumber' });
    expect(quotasFrom(form([['', '-5']]))).toEqual({ ok: false, reason: 'notNumber' });
    expect(quotasFrom(form([['Giáo viên', '50'], ['', '200']]))).toEqual({ ok: false, reason: 'categoryNeeded' });
    expect(quotasFrom(form([['Giáo viên', '50'], ['Giáo viên', '20']]))).toEqual({ ok: false, reason: 'duplicate' });
  });
});
