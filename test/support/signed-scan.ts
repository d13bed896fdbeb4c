// Records a correctly signed code the way the desk does (decided by admit(), written by
// recordScan()), for tests that set up the log without minting and verifying a real code.
import { recordScan, type Recorded, type Recorder } from '../../src/db/record.ts';
import type { FactMethod, Participant } from '../../src/shared/schemas.ts';

/** A day in Bắc Kạn with no deadline: punctuality plays no part in these tests. */
const EVENT = { date: '2024-07-10', timeZone: 'Asia/Ho_Chi_Minh' };

/** Scans `codeNo`; `person` is who the roster holds for it (none: a code off the roster), `revoked` a re-issued code. */
export function recordSigned(rec: Recorder, args: {
  codeNo: number; person: Participant | undefined; revoked: boolean; method: FactMethod; now: number;
}): Promise<Recorded> {
  const roster = {
    byNo: new Map(args.person ? [[args.codeNo, args.person]] : []),
    units: new Map(),
    revoked: new Set(args.revoked ? [args.codeNo] : []),
  };
  return recordScan(rec, { reading: { kind: 'signed', codeNo: args.codeNo }, roster, event: EVENT, method: args.method, now: args.now });
}
