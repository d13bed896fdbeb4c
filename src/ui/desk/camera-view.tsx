// The camera: started when the desk opens, stopped when it closes, never racing.
import { useEffect, useRef, useState } from 'preact/hooks';
import { cameraProblemOf, createScanner, type CameraChoice, type CameraProblem, type Scanner, type ScanProfile } from '../scanner/scanner.ts';
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

export function CameraView({ onCode }: { onCode: (text: string) => void }) {
  const scannerRef = useRef<Scanner>();
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;
  const [state, setState] = useState<'starting' | 'running' | CameraProblem>('starting');
  const [cameras, setCameras] = useState<CameraChoice[]>([]);
  const [cameraId, setCameraId] = useState<string | undefined>();
  const [torch, setTorch] = useState<boolean | undefined>();

  async function start(id?: string) {
    setState('starting');
    try {
      const scanner = (scannerRef.current ??= await createScanner('camera'));
      await scanner.start({ cameraId: id, profile: profileFromUrl(), onCode: (text) => onCodeRef.current(text) });
      setState('running');
      document.body.dataset.scanner = 'running';
      setTorch(scanner.torchAvailable() ? false : undefined);
      scanner.cameras().then(setCameras, () => undefined);
    } catch (error) {
      setState(cameraProblemOf(error));
      document.body.dataset.scanner = 'failed';
    }
  }

  useEffect(() => {
    let stopped = false;
    getSetting<string>(db, 'cameraId').then((id) => { if (!stopped) { setCameraId(id); void start(id); } });
    return () => { stopped = true; delete document.body.dataset.scanner; void scannerRef.current?.stop(); };
  }, []);

  async function pickCamera(id: string) {
    setCameraId(id);
    await putSetting(db, 'cameraId', id);
    await start(id);
  }

  return (
    <section class="camera-box">
      <div id="camera" class="camera" data-testid="camera" />
      {state === 'starting' && <p class="camera-status">{t('startingCamera')}</p>}
      {state !== 'starting' && state !== 'running' && (
        <div class="camera-problem" role="alert" data-testid="camera-problem" data-problem={state}>
          <p>{t(PROBLEM_TEXT[state])}</p>
          <button class="secondary" onClick={() => start(cameraId)}>{t('retryCamera')}</button>
        </div>
      )}
      {state === 'running' && (cameras.length > 1 || torch !== undefined) && (
        <div class="camera-controls">
          {cameras.length > 1 && (
            <select aria-label={t('camera')} value={cameraId} onChange={(e) => pickCamera((e.target as HTMLSelectElement).value)}>
              {cameras.map((c) => <option key={c.id} value={c.id}>{c.label || c.id}</option>)}
            </select>
          )}
          {torch !== undefined && (
            <button class="secondary" aria-pressed={torch} onClick={async () => { await scannerRef.current?.setTorch(!torch); setTorch(!torch); }}>{t('torch')}</button>
          )}
        </div>
      )}
    </section>
  );
}
