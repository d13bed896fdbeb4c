// What GET /api/venue says when the server runs HTTPS with its own CA (HTTPS=1): the plain-HTTP
// address new tablets open first, and the CA fingerprint they can compare.
import * as z from 'zod/mini';

/** The venue's trust entry point; the route answers 404 when the server is not a venue laptop. */
export const VenueInfo = z.object({
  trustUrl: z.string(),
  httpsPort: z.int(),
  caFingerprint: z.string(),
});
/** The parsed body of GET /api/venue. */
export type VenueInfo = z.infer<typeof VenueInfo>;
