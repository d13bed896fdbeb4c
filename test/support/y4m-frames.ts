// Y4M files for Chromium's fake camera at any size (1280×720 by default) from ready-made
// PNG frames: each picture is letterboxed on white and held for `secondsEach`.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface FramesY4mOptions {
  /** PNG pictures, in playing order. */
  pictures: readonly string[];
  out: string;
  width?: number;
  height?: number;
  secondsEach?: number;
  fps?: number;
}

/** Renders the pictures to a yuv420p Y4M with ffmpeg; returns its absolute path. Pictures larger than the frame are scaled down to fit. */
export async function picturesToY4m(options: FramesY4mOptions): Promise<string> {
  const { width = 1280, height = 720, secondsEach = 1, fps = 10 } = options;
  const inputs: string[] = [];
  const chains: string[] = [];
  options.pictures.forEach((png, i) => {
    inputs.push('-framerate', String(fps), '-loop', '1', '-t', String(secondsEach), '-i', png);
    chains.push(`[${i}:v]scale=w='min(iw,${width})':h='min(ih,${height})':force_original_aspect_ratio=decrease,`
      + `pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:color=white,setsar=1,format=yuv420p[s${i}]`);
  });
  const labels = options.pictures.map((_, i) => `[s${i}]`).join('');
  const out = resolve(options.out);
  await run('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-y', ...inputs,
    '-filter_complex', `${chains.join(';')};${labels}concat=n=${options.pictures.length}:v=1:a=0[out]`,
    '-map', '[out]', '-r', String(fps), '-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', out,
  ], { maxBuffer: 16 * 1024 * 1024 });
  return out;
}
