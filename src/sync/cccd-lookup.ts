// Asks the server which roster person holds a chip card's ID number. The number goes to the
// server once and is never kept on the desk; the answer is a code number or nothing.
import { CccdLookupAnswer } from '../shared/sync.ts';
import { requestJson } from './http.ts';

/** The code number of the person with this ID number, or undefined (not on the roster, offline, limited). */
export async function lookupCardHolder(args: { eventId: number; token: string; idNumber: string; baseUrl?: string }): Promise<number | undefined> {
  try {
    const { body } = await requestJson(`${args.baseUrl ?? ''}/api/events/${args.eventId}/cccd-lookup`, CccdLookupAnswer,
      { method: 'POST', body: JSON.stringify({ idNumber: args.idNumber }), token: args.token });
    return body.no;
  } catch {
    return undefined;
  }
}
