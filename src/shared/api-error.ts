// The closed list of `error.code`s the API sends. The server's error tables are typed against
// it and the client parses `code` with it, so a code exists on both sides or on neither.
import * as z from 'zod/mini';

/** Every code an error body may carry; a new failure is added here first. */
export const ApiErrorCode = z.enum([
  // Route failures (server/http error tables).
  'badEventId', 'badUnitId', 'badCodeNo', 'badJson', 'badRequest', 'badQuery', 'batchTooLarge', 'factWrongEvent', 'factTimeOutOfRange',
  'unknownDesk', 'weakPassword', 'unauthorized', 'revoked', 'badShareLink', 'badLogin', 'badPairingCode',
  'badSetupToken', 'coordinatorOnly', 'otherEvent', 'factWrongDevice', 'eventNotFound', 'unitNotFound',
  'participantNotFound', 'shareNotFound', 'deviceNotFound', 'factNotFound', 'routeNotFound', 'tooLarge', 'rateLimited', 'internal',
  // Set-up failures (event editing, codes, self-registration, walk-ins).
  'alreadyReissued', 'unitHasCheckins', 'unitHasPeople', 'deskInUse', 'duplicateId', 'duplicateUnitName',
  'duplicateCategory', 'badTimeZone', 'registrationClosed', 'registrationNotOpen', 'unitFull', 'phoneRegistered',
  'tooManyRegistrations', 'walkInNotFound', 'slotInverted', 'crossSiteRequest', 'notJson', 'badUploadType', 'tooManyUnits', 'loginBusy', 'loginLocked',
  // A roster file the import cannot read at all (server/roster/file.ts; `tooLarge` is above).
  'emptyFile', 'oldExcel', 'utf16', 'notSpreadsheet', 'badEncoding', 'csvSyntax', 'badXlsx',
  'xlsxTooBig', 'tooManyRows', 'fileBusy', 'fileTooHeavy',
  // A refused desk file: `deskFile:` and the reason (domain/desk-file.ts).
  'deskFile:not-a-desk-file', 'deskFile:truncated', 'deskFile:altered', 'deskFile:newer-version',
  'deskFile:malformed', 'deskFile:wrong-event',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

/** A problem code as an error code, or undefined when it is not one (the body then carries words only). */
export function asApiErrorCode(code: string): ApiErrorCode | undefined {
  return z.safeParse(ApiErrorCode, code).data;
}
