// html5-qrcode behind the Scanner interface. The library is in maintenance mode and its
// start/stop race, so every call goes through one promise chain.
import { Html5Qrcode, Html5QrcodeScannerState, Html5QrcodeSupportedFormats } from 'html5-qrcode';
import type { CameraChoice, Scanner, ScannerStart, ScanProfile } from './scanner.ts';

/** Frames decoded per second in the fast profile; decode time, not this, is the real limit. */
const FAST_FPS = 60;

export class Html5QrcodeScanner implements Scanner {
  private qr: Html5Qrcode | undefined;
  private qrProfile: ScanProfile | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly elementId: string) {}

  /** The library fixes formats at construction, so each profile gets its own instance. */
  private instanceFor(profile: ScanProfile): Html5Qrcode {
    if (!this.qr || this.qrProfile !== profile) {
      this.qr = profile === 'fast'
        ? new Html5Qrcode(this.elementId, {
            verbose: false,
            formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE],
            useBarCodeDetectorIfSupported: true,
          })
        : new Html5Qrcode(this.elementId);
      this.qrProfile = profile;
    }
    return this.qr;
  }

  private serial<T>(step: () => Promise<T>): Promise<T> {
    const next = this.queue.then(step, step);
    this.queue = next.catch(() => undefined);
    return next;
  }

  start(options: ScannerStart): Promise<void> {
    return this.serial(async () => {
      await this.stopNow();
      const qr = this.instanceFor(options.profile);
      const camera = options.cameraId ? { deviceId: { exact: options.cameraId } } : { facingMode: 'environment' };
      // No qrbox: the library's cropped path failed to decode clean version-7 codes in
      // Chromium, and the whole 640×480 frame decodes well within the frame interval.
      const config = options.profile === 'fast'
        ? { fps: FAST_FPS, disableFlip: true }
        : { fps: 2 };
      await qr.start(camera, config, (text) => options.onCode(text), () => undefined);
    });
  }

  stop(): Promise<void> {
    return this.serial(() => this.stopNow());
  }

  private async stopNow(): Promise<void> {
    const state = this.qr?.getState();
    if (state === Html5QrcodeScannerState.SCANNING || state === Html5QrcodeScannerState.PAUSED) {
      await this.qr!.stop();
    }
  }

  async cameras(): Promise<CameraChoice[]> {
    const list = await Html5Qrcode.getCameras();
    return list.map((c) => ({ id: c.id, label: c.label }));
  }

  torchAvailable(): boolean {
    try {
      return !!this.qr && this.qr.getRunningTrackCameraCapabilities().torchFeature().isSupported();
    } catch {
      return false;
    }
  }

  setTorch(on: boolean): Promise<void> {
    return this.serial(async () => {
      if (!this.torchAvailable()) return;
      await this.qr!.getRunningTrackCameraCapabilities().torchFeature().apply(on);
    });
  }
}
