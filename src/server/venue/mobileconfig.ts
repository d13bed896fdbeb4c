// An Apple configuration profile holding the venue CA: the way iPad and iPhone install a root
// (Settings → Profile Downloaded), after which Certificate Trust Settings can switch it on.
import { createHash } from 'node:crypto';

const uuidFrom = (seed: string): string => {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`.toUpperCase();
};

/** The unsigned .mobileconfig plist for the CA's DER bytes; the UUIDs follow from the certificate, so it is stable. */
export function caProfile(caDer: Uint8Array): string {
  const base64 = Buffer.from(caDer).toString('base64').match(/.{1,52}/g)!.join('\n');
  const seed = createHash('sha256').update(caDer).digest('hex');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>PayloadContent</key>
  <array>
    <dict>
      <key>PayloadCertificateFileName</key><string>diemdanh-ca.crt</string>
      <key>PayloadContent</key><data>
${base64}
      </data>
      <key>PayloadDisplayName</key><string>Điểm danh venue CA</string>
      <key>PayloadIdentifier</key><string>vn.diemdanh.venue.ca.${seed.slice(0, 12)}</string>
      <key>PayloadType</key><string>com.apple.security.root</string>
      <key>PayloadUUID</key><string>${uuidFrom(`cert:${seed}`)}</string>
      <key>PayloadVersion</key><integer>1</integer>
    </dict>
  </array>
  <key>PayloadDescription</key><string>Cho máy này tin cậy máy chủ điểm danh tại điểm tổ chức (chỉ tên và địa chỉ của máy chủ đó). / Trust the venue's check-in server (its names only).</string>
  <key>PayloadDisplayName</key><string>Điểm danh: máy chủ tại điểm tổ chức</string>
  <key>PayloadIdentifier</key><string>vn.diemdanh.venue.${seed.slice(0, 12)}</string>
  <key>PayloadRemovalDisallowed</key><false/>
  <key>PayloadType</key><string>Configuration</string>
  <key>PayloadUUID</key><string>${uuidFrom(`profile:${seed}`)}</string>
  <key>PayloadVersion</key><integer>1</integer>
</dict>
</plist>
`;
}
