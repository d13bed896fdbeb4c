// The scanner as the desk sees it. Each implementation lives in its own lazy chunk.
import type { ZoomRange } from './camera-track.ts';

/** A camera the device offers. */
export interface CameraChoice {
  id: string;
  label: string;
}

/**
 * 'fast' is ours: zxing-cpp in a worker at the camera's native size (html5-qrcode's tuned
 * settings when the wasm cannot load). 'baseline' is html5-qrcode's out-of-the-box settings,
 * kept to measure the gain against.
 */
export type ScanProfile = 'fast' | 'baseline';

/** Which decoder is reading frames: shown in the desk's status when it is the fallback. */
export type DecoderKind = 'zxing-wasm' | 'html5-qrcode';

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
  /** Zoom the running track offers; absent where it offers none. */
  zoomRange?(): ZoomRange | undefined;
  setZoom?(value: number): Promise<void>;
  /** Stops and frees what the scanner holds beyond the camera (the decoder worker). */
  dispose?(): Promise<void>;
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

/** True when the error says the wasm decoder could not start (not a camera problem). */
export function isDecoderUnavailable(error: unknown): boolean {
  return (error as { name?: string } | undefined)?.name === 'DecoderUnavailable';
}

/** Loads a scanner chunk on demand; the desk shell never carries a decoder. */
export async function createScanner(elementId: string, decoder: DecoderKind): Promise<Scanner> {
  if (decoder === 'zxing-wasm') {
    const { ZxingScanner } = await import('./zxing-scanner.ts');
    return new ZxingScanner(elementId);
  }
  const { Html5QrcodeScanner } = await import('./html5-qrcode-scanner.ts');
  return new Html5QrcodeScanner(elementId);
}
