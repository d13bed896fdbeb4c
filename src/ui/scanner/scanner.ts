// The scanner as the desk sees it. The html5-qrcode implementation lives in its own chunk.

/** A camera the device offers. */
export interface CameraChoice {
  id: string;
  label: string;
}

/**
 * 'fast' is ours: high decode rate, QR only, no mirrored second pass, a centred region.
 * 'baseline' is html5-qrcode's out-of-the-box settings, kept to measure the gain against.
 */
export type ScanProfile = 'fast' | 'baseline';

export interface ScannerStart {
  cameraId?: string;
  profile: ScanProfile;
  onCode: (text: string) => void;
}

/** Start and stop are serialized by the implementation: callers may call them in any order. */
export interface Scanner {
  start(options: ScannerStart): Promise<void>;
  stop(): Promise<void>;
  cameras(): Promise<CameraChoice[]>;
  torchAvailable(): boolean;
  setTorch(on: boolean): Promise<void>;
}

/** Why the camera could not start, in words for a volunteer. */
export type CameraProblem = 'denied' | 'missing' | 'in-use' | 'other';

export function cameraProblemOf(error: unknown): CameraProblem {
  const text = String((error as { name?: string })?.name ?? '') + ' ' + String(error);
  if (/NotAllowed|Permission|denied/i.test(text)) return 'denied';
  if (/NotFound|DevicesNotFound|no camera|Requested device not found/i.test(text)) return 'missing';
  if (/NotReadable|TrackStart|in use/i.test(text)) return 'in-use';
  return 'other';
}

/** Loads the scanner chunk on demand; the desk shell never carries the decoder. */
export async function createScanner(elementId: string): Promise<Scanner> {
  const { Html5QrcodeScanner } = await import('./html5-qrcode-scanner.ts');
  return new Html5QrcodeScanner(elementId);
}
