// On a venue laptop (HTTPS=1), the one QR new tablets scan first: the trust guide on plain HTTP.
// Elsewhere the server answers 404 and the card is not shown.
import { useEffect, useState } from 'preact/hooks';
import QRCode from 'qrcode';
import { t } from '../screen-strings.ts';
import { venueInfo } from './coordinator-api.ts';

/** The trust QR with its address and the CA fingerprint, or nothing. */
export function VenueCard() {
  const [venue, setVenue] = useState<{ url: string; fingerprint: string; svg: string }>();
  useEffect(() => {
    void venueInfo().then(async (info) => {
      if (!info) return;
      setVenue({ url: info.trustUrl, fingerprint: info.caFingerprint, svg: await QRCode.toString(info.trustUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) });
    });
  }, []);
  if (!venue) return null;
  return (
    <section class="card pairing-card" data-testid="venue-card">
      <h2>{t('venueTitle')}</h2>
      <p class="muted">{t('venueHelp')}</p>
      <div class="qr" dangerouslySetInnerHTML={{ __html: venue.svg }} />
      <p class="pair-code" data-testid="venue-url">{venue.url}</p>
      <p class="muted"><small>SHA-256: {venue.fingerprint}</small></p>
    </section>
  );
}
