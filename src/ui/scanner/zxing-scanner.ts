// The desk's scanner: camera frames at native size go to a worker that decodes them with
// zxing-cpp. One frame in flight at most; frames that arrive meanwhile are dropped.
import type { CameraChoice, Scanner, ScannerStart } from './scanner.ts';
import type { FromDecoder, ToDecoder } from './decode-protocol.ts';
import { applyTorch, applyZoom, focusContinuously, hasTorch, videoConstraints, zoomRangeOf, type ZoomRange } from './camera-track.ts';

/** The decoder worker could not start (wasm missing or refused): the desk falls back. */
export class DecoderUnavailable extends Error {
  override readonly name = 'DecoderUnavailable';
}

/** A frame unanswered this long was lost (a worker crash): the loop sends the next one. */
const FRAME_LOST_MS = 3000;
/** A wasm compile on a slow tablet takes seconds; longer than this means it will not come. */
const DECODER_READY_TIMEOUT_MS = 20_000;

type VideoWithFrames = HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number };

/** Starts the worker and resolves once zxing-wasm is instantiated; rejects with DecoderUnavailable. */
function startDecoder(): Promise<Worker> {
  return new Promise((resolve, reject) => {
    if (typeof Worker === 'undefined' || typeof createImageBitmap !== 'function') {
      reject(new DecoderUnavailable('no Worker or createImageBitmap'));
      return;
    }
    let worker: Worker;
    try {
      worker = new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' });
    } catch (error) {
      reject(new DecoderUnavailable(String(error)));
      return;
    }
    const fail = (reason: string) => { clearTimeout(timer); worker.terminate(); reject(new DecoderUnavailable(reason)); };
    const timer = setTimeout(() => fail('decoder did not start in time'), DECODER_READY_TIMEOUT_MS);
    worker.onerror = (event) => fail(event.message || 'worker failed to load');
    worker.onmessage = (event: MessageEvent<FromDecoder>) => {
      if (event.data.kind === 'ready') { clearTimeout(timer); worker.onerror = null; resolve(worker); }
      else if (event.data.kind === 'failed') fail(event.data.reason);
    };
    worker.postMessage({ kind: 'init' } satisfies ToDecoder);
  });
}

export class ZxingScanner implements Scanner {
  private decoder: Promise<Worker> | undefined;
  private stream: MediaStream | undefined;
  private video: VideoWithFrames | undefined;
  private run = 0;
  private inFlight = false;
  private frameWaiting = false;
  private frameId = 0;
  private sentAt = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly elementId: string) {}

  private serial<T>(step: () => Promise<T>): Promise<T> {
    const next = this.queue.then(step, step);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The worker, started once and kept across camera restarts; a failure is retried next time. */
  private worker(): Promise<Worker> {
    this.decoder ??= startDecoder().catch((error: unknown) => { this.decoder = undefined; throw error; });
    return this.decoder;
  }

  start(options: ScannerStart): Promise<void> {
    return this.serial(async () => {
      this.stopNow();
      const run = ++this.run;
      const camera = navigator.mediaDevices.getUserMedia({ video: videoConstraints(options.cameraId), audio: false });
      let worker: Worker;
      try {
        worker = await this.worker();
      } catch (error) {
        // The camera may open while the decoder fails: never leave it running unseen.
        void camera.then((s) => s.getTracks().forEach((t) => t.stop()), () => undefined);
        throw error;
      }
      const stream = await camera;
      if (run !== this.run) { stream.getTracks().forEach((t) => t.stop()); return; }
      this.stream = stream;
      const track = stream.getVideoTracks()[0];
      if (track) await focusContinuously(track);
      const video = this.mountVideo(stream);
      await video.play();
      worker.onmessage = (event: MessageEvent<FromDecoder>) => this.onDecoded(run, event.data, options.onCode);
      this.inFlight = false;
      this.scheduleFrame(run);
    });
  }

  private mountVideo(stream: MediaStream): VideoWithFrames {
    const host = document.getElementById(this.elementId);
    if (!host) throw new Error(`no element #${this.elementId}`);
    const video = document.createElement('video') as VideoWithFrames;
    video.muted = true;
    video.playsInline = true;
    video.setAttribute('playsinline', '');
    video.srcObject = stream;
    host.replaceChildren(video);
    this.video = video;
    return video;
  }

  private scheduleFrame(run: number): void {
    const video = this.video;
    if (!video || run !== this.run) return;
    const next = () => this.onFrame(run);
    if (video.requestVideoFrameCallback) video.requestVideoFrameCallback(next);
    else requestAnimationFrame(next);
  }

  /** A new frame: sent if the worker is idle, otherwise noted so the next answer takes it. */
  private onFrame(run: number): void {
    if (run !== this.run) return;
    if (this.inFlight && performance.now() - this.sentAt > FRAME_LOST_MS) this.inFlight = false;
    if (this.inFlight) this.frameWaiting = true;
    else this.grab(run);
    this.scheduleFrame(run);
  }

  private grab(run: number): void {
    const video = this.video;
    if (!video || video.readyState < 2 || video.videoWidth === 0) return;
    this.inFlight = true;
    this.frameWaiting = false;
    this.sentAt = performance.now();
    const id = ++this.frameId;
    createImageBitmap(video).then(async (frame) => {
      if (run !== this.run) { frame.close(); return; }
      const worker = await this.worker();
      worker.postMessage({ kind: 'frame', id, frame } satisfies ToDecoder, [frame]);
    }).catch(() => { this.inFlight = false; });
  }

  private onDecoded(run: number, message: FromDecoder, onCode: (text: string) => void): void {
    if (message.kind !== 'result' || run !== this.run) return;
    this.inFlight = false;
    if (message.text) onCode(message.text);
    if (this.frameWaiting) this.grab(run);
  }

  stop(): Promise<void> {
    return this.serial(async () => this.stopNow());
  }

  dispose(): Promise<void> {
    return this.serial(async () => {
      this.stopNow();
      const decoder = this.decoder;
      this.decoder = undefined;
      (await decoder?.catch(() => undefined))?.terminate();
    });
  }

  private stopNow(): void {
    this.run++;
    this.inFlight = false;
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
    if (this.video) { this.video.srcObject = null; this.video.remove(); this.video = undefined; }
  }

  async cameras(): Promise<CameraChoice[]> {
    const devices = await navigator.mediaDevices.enumerateDevices();
    return devices.filter((d) => d.kind === 'videoinput').map((d) => ({ id: d.deviceId, label: d.label }));
  }

  private track(): MediaStreamTrack | undefined {
    return this.stream?.getVideoTracks()[0];
  }

  torchAvailable(): boolean {
    return hasTorch(this.track());
  }

  setTorch(on: boolean): Promise<void> {
    return this.serial(async () => { const track = this.track(); if (track && hasTorch(track)) await applyTorch(track, on); });
  }

  zoomRange(): ZoomRange | undefined {
    return zoomRangeOf(this.track());
  }

  setZoom(value: number): Promise<void> {
    return this.serial(async () => { const track = this.track(); if (track) await applyZoom(track, value); });
  }

  /** The size frames are decoded at: the camera's own, for the status line and the tests. */
  frameSize(): { width: number; height: number } | undefined {
    return this.video && this.video.videoWidth ? { width: this.video.videoWidth, height: this.video.videoHeight } : undefined;
  }
}
