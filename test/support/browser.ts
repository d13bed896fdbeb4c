// Headless Debian Chromium for e2e tests and the benchmark. Never downloads a browser:
// playwright-core drives the system binary.
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** The system Chromium; override with CHROMIUM_PATH on machines that keep it elsewhere. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Options for launchBrowser (and chromiumArgs, for launchers of persistent profiles). */
export interface LaunchOptions {
  /** A .y4m (or .mjpeg) the fake camera plays instead of Chromium's test pattern. */
  fakeVideoFile?: string;
  extraArgs?: string[];
}

/** The command line: quiet, no sandbox (containers), camera allowed without a prompt. */
export function chromiumArgs(options: LaunchOptions = {}): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    ...(options.fakeVideoFile ? [`--use-file-for-fake-video-capture=${resolve(options.fakeVideoFile)}`] : []),
    ...(options.extraArgs ?? []),
  ];
}

/** Launches headless Chromium with a fake camera that needs no permission prompt. */
export function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: chromiumArgs(options) });
}
