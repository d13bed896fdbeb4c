// The messages between the camera loop (main thread) and the decoder worker. One frame at a
// time: the loop sends a frame only after the previous one's answer came back.

/** Main thread → worker. */
export type ToDecoder =
  | { kind: 'init' }
  | { kind: 'frame'; id: number; frame: ImageBitmap };

/** Worker → main thread. `text` is absent when the frame held no readable code. */
export type FromDecoder =
  | { kind: 'ready'; version: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'result'; id: number; text?: string; decodeMs: number };
