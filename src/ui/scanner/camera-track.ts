// The camera stream as we ask for it: the back camera at its own high resolution, 30 fps,
// continuous focus; plus the track features (torch, zoom) the device may offer.

/** What a track may offer beyond the standard DOM types (focus, torch, zoom are not typed yet). */
interface TrackExtras {
  focusMode?: string[];
  torch?: boolean;
  zoom?: { min: number; max: number; step?: number };
}

/** A zoom range the camera offers; absent where it offers none. */
export interface ZoomRange { min: number; max: number; step: number }

/** Asks for 1920×1080 ideally: a camera that has only 720p, or less, runs at what it has. */
export function videoConstraints(cameraId: string | undefined): MediaTrackConstraints {
  return {
    ...(cameraId ? { deviceId: { exact: cameraId } } : { facingMode: { ideal: 'environment' } }),
    width: { ideal: 1920 },
    height: { ideal: 1080 },
    frameRate: { ideal: 30 },
  };
}

function extrasOf(track: MediaStreamTrack): TrackExtras {
  try {
    return (track.getCapabilities?.() ?? {}) as TrackExtras;
  } catch {
    return {};
  }
}

/** Turns on continuous focus where the track supports it; a camera without it is left as is. */
export async function focusContinuously(track: MediaStreamTrack): Promise<void> {
  if (!extrasOf(track).focusMode?.includes('continuous')) return;
  await track.applyConstraints({ advanced: [{ focusMode: 'continuous' } as MediaTrackConstraintSet] }).catch(() => undefined);
}

/** True when the track can switch a torch. */
export function hasTorch(track: MediaStreamTrack | undefined): boolean {
  return !!track && extrasOf(track).torch === true;
}

/** Switches the torch; a refusal leaves it as it was. */
export async function applyTorch(track: MediaStreamTrack, on: boolean): Promise<void> {
  await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
}

/** The zoom the track offers, when it offers more than 1×. */
export function zoomRangeOf(track: MediaStreamTrack | undefined): ZoomRange | undefined {
  const zoom = track ? extrasOf(track).zoom : undefined;
  if (!zoom || !(zoom.max > zoom.min)) return undefined;
  return { min: zoom.min, max: zoom.max, step: zoom.step || 0.1 };
}

/** Sets the zoom, clamped to what the track offers. */
export async function applyZoom(track: MediaStreamTrack, value: number): Promise<void> {
  const range = zoomRangeOf(track);
  if (!range) return;
  const zoom = Math.min(range.max, Math.max(range.min, value));
  await track.applyConstraints({ advanced: [{ zoom } as MediaTrackConstraintSet] });
}
