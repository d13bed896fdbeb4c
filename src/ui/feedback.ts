// A distinct sound and vibration per verdict, made with Web Audio: no files to load.
import type { VerdictKind } from '../domain/admit.ts';

/** Tone sequence (Hz, ms) and vibration pattern of each verdict. */
const CUES: Record<VerdictKind, { tones: [number, number][]; vibrate: number[] }> = {
  admitted: { tones: [[880, 90], [1320, 120]], vibrate: [60] },
  already: { tones: [[660, 140], [660, 140]], vibrate: [80, 60, 80] },
  unknown: { tones: [[520, 120], [780, 160]], vibrate: [120, 60, 60] },
  'wrong-event': { tones: [[330, 200], [262, 260]], vibrate: [200, 80, 200] },
  forged: { tones: [[220, 180], [180, 180], [150, 260]], vibrate: [300, 100, 300, 100, 300] },
  'not-a-code': { tones: [[300, 220]], vibrate: [150] },
  voided: { tones: [[440, 180], [294, 260]], vibrate: [200, 100, 200] },
};

let audio: AudioContext | undefined;

/** Plays the verdict's cue. Never throws: a desk without audio still shows the verdict. */
export function cue(verdict: VerdictKind): void {
  const { tones, vibrate } = CUES[verdict];
  try {
    navigator.vibrate?.(vibrate);
  } catch { /* vibration is optional */ }
  try {
    audio ??= new AudioContext();
    let at = audio.currentTime;
    for (const [hz, ms] of tones) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = hz;
      osc.type = verdict === 'admitted' ? 'sine' : 'square';
      gain.gain.setValueAtTime(0.2, at);
      gain.gain.exponentialRampToValueAtTime(0.001, at + ms / 1000);
      osc.connect(gain).connect(audio.destination);
      osc.start(at);
      osc.stop(at + ms / 1000);
      at += ms / 1000 + 0.03;
    }
  } catch { /* no audio device */ }
}
