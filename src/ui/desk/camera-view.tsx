// The camera: started when the desk opens, stopped when it closes, never racing. zxing-cpp
// in a worker reads the frames; if its wasm cannot load, html5-qrcode does, and the desk says so.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  cameraProblemOf, createScanner, isDecoderUnavailable,
  type CameraChoice, type CameraProblem, type DecoderKind, type Scanner, type ScanProfile,
} from '../scanner/scanner.ts';
import type { ZoomRange } from '../scanner/camera-track.ts';
import { getSetting, putSetting } from '../../db/settings.ts';
import { db } from '../app-state.ts';
import { t, type StringKey } from '../i18n.ts';

const PROBLEM_TEXT: Record<CameraProblem, StringKey> = {
  denied: 'cameraDenied', missing: 'cameraMissing', 'in-use': 'cameraInUse', other: 'cameraOther',
};

/** `?scanner=baseline` runs html5-qrcode's defaults, for the benchmark's comparison. */
function profileFromUrl(): ScanProfile {
  return new URLSearchParams(location.search).get('scanner') === 'baseline' ? 'baseline' : 'fast';
}

/** Zoom steps a volunteer taps: 1×, 2× (phones whose main lens cannot focus close), and the most. */
function zoomSteps(range: ZoomRange): number[] {
  const steps = [Math.max(1, range.min), 2, Math.min(4, range.max)].filter((z) => z >= range.min && z <= range.max);
  return [...new Set(steps)];
}

function CameraControls({ scanner, cameras, cameraId, onPick }: {
  scanner: Scanner; cameras: CameraChoice[]; cameraId: string | undefined; onPick: (id: string) => void;
}) {
  const [torch, setTorch] = useState<boolean | undefined>(scanner.torchAvailable() ? false : undefined);
  const range = scanner.zoomRange?.();
  const [zoom, setZoom] = useState(range ? Math.max(1, range.min) : 1);
  if (cameras.length <= 1 && torch === undefined && !range) return null;
  return (
    <div class="camera-controls">
      {cameras.length > 1 && (
        <select aria-label={t('camera')} value={cameraId} onChange={(e) => onPick((e.target as HTMLSelectElement).value)}>
          {cameras.map((c) => <option key={c.id} value={c.id}>{c.label || c.id}</option>)}
        </select>
      )}
      {torch !== undefined && (
        <button class="secondary" aria-pressed={torch} onClick={async () => { await scanner.setTorch(!torch); setTorch(!torch); }}>{t('torch')}</button>
      )}
      {range && zoomSteps(range).map((z) => (
        <button key={z} class="secondary" data-testid="zoom" aria-label={`${t('zoom')} ${z}×`} aria-pressed={zoom === z}
          onClick={async () => { await scanner.setZoom?.(z); setZoom(z); }}>{z}×</button>
      ))}
    </div>
  );
}

export function CameraView({ onCode }: { onCode: (text: string) => void }) {
  const scannerRef = useRef<Scanner>();
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;
  const [state, setState] = useState<'starting' | 'running' | CameraProblem>('starting');
  const [decoder, setDecoder] = useState<DecoderKind>(profileFromUrl() === 'baseline' ? 'html5-qrcode' : 'zxing-wasm');
  const [cameras, setCameras] = useState<CameraChoice[]>([]);
  const [cameraId, setCameraId] = useState<string | undefined>();

  async function startWith(kind: DecoderKind, id: string | undefined): Promise<Scanner> {
    const scanner = (scannerRef.current ??= await createScanner('camera', kind));
    await scanner.start({ cameraId: id, profile: profileFromUrl(), onCode: (text) => onCodeRef.current(text) });
    return scanner;
  }

  async function start(id?: string) {
    setState('starting');
    try {
      let scanner: Scanner;
      let kind = decoder;
      try {
        scanner = await startWith(kind, id);
      } catch (error) {
        if (!isDecoderUnavailable(error)) throw error;
        // No wasm (blocked, corrupt, evicted): the older decoder reads, and the status says so.
        scannerRef.current = undefined;
        kind = 'html5-qrcode';
        setDecoder(kind);
        scanner = await startWith(kind, id);
      }
      setState('running');
      document.body.dataset.scanner = 'running';
      document.body.dataset.decoder = kind;
      const size = (scanner as { frameSize?: () => { width: number; height: number } | undefined }).frameSize?.();
      if (size) document.body.dataset.frame = `${size.width}x${size.height}`;
      scanner.cameras().then(setCameras, () => undefined);
    } catch (error) {
      setState(cameraProblemOf(error));
      document.body.dataset.scanner = 'failed';
    }
  }

  useEffect(() => {
    let stopped = false;
    getSetting<string>(db, 'cameraId').then((id) => { if (!stopped) { setCameraId(id); void start(id); } });
    return () => { stopped = true; delete document.body.dataset.scanner; delete document.body.dataset.decoder; delete document.body.dataset.frame; const scanner = scannerRef.current; void (scanner?.dispose ? scanner.dispose() : scanner?.stop()); };
  }, []);

  async function pickCamera(id: string) {
    setCameraId(id);
    await putSetting(db, 'cameraId', id);
    await start(id);
  }

  return (
    <section class="camera-box">
      <div id="camera" class={decoder === 'zxing-wasm' ? 'camera native' : 'camera'} data-testid="camera" />
      {state === 'starting' && <p class="camera-status">{t('startingCamera')}</p>}
      {state === 'running' && decoder === 'html5-qrcode' && profileFromUrl() === 'fast' && (
        <p class="camera-status" role="status" data-testid="decoder-fallback">{t('decoderFallback')}</p>
      )}
      {state !== 'starting' && state !== 'running' && (
        <div class="camera-problem" role="alert" data-testid="camera-problem" data-problem={state}>
          <p>{t(PROBLEM_TEXT[state])}</p>
          <button class="secondary" onClick={() => start(cameraId)}>{t('retryCamera')}</button>
        </div>
      )}
      {state === 'running' && scannerRef.current && (
        <CameraControls key={cameraId ?? ''} scanner={scannerRef.current} cameras={cameras} cameraId={cameraId} onPick={pickCamera} />
      )}
    </section>
  );
}
