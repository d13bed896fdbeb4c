// The closed list of error codes in src/shared and the server's tables name the same codes:
// the tables are typed against the list (a code missing from it fails to compile), and this
// test catches the other way, a listed code no table sends.
import { describe, expect, it } from 'vitest';
import { ApiErrorCode } from '../../../src/shared/api-error.ts';
import { ApiError } from '../../../src/shared/sync.ts';
import { ERRORS } from '../../../src/server/http/errors.ts';
import { PROBLEMS } from '../../../src/server/roster/problems.ts';
import { DESK_FILE_PROBLEMS } from '../../../src/domain/desk-file.ts';

describe('ApiErrorCode', () => {
  it('lists exactly the codes the server can send', () => {
    const sent = new Set<string>([
      ...Object.keys(ERRORS),
      // Built in login-limit.ts rather than the table: its words carry how long to wait.
      'loginLocked',
      ...Object.keys(DESK_FILE_PROBLEMS).map((p) => `deskFile:${p}`),
    ]);
    const listed = ApiErrorCode.options;
    // Roster-file codes are the import problems a whole file can fail with; each is a real problem code.
    const rosterFile = listed.filter((code) => !sent.has(code));
    expect(rosterFile.every((code) => code in PROBLEMS)).toBe(true);
    expect([...sent].filter((code) => !listed.includes(code as ApiErrorCode))).toEqual([]);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('reads an unknown code as no code and keeps both languages', () => {
    const body = { error: { vi: 'Lỗi mới', en: 'A new failure', code: 'fromANewerServer' } };
    expect(ApiError.parse(body).error).toEqual({ vi: 'Lỗi mới', en: 'A new failure' });
    expect(ApiError.parse({ error: { ...body.error, code: 'badLogin' } }).error.code).toBe('badLogin');
  });
});
