import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { VideoType } from './file-types.js';

/** What ffmpeg found in a video, with its first frame as PNG. */
export interface VideoPoster {
  png: Buffer;
  /** Seconds, from ffmpeg's reading of the file (null when it cannot tell). */
  durationSeconds: number | null;
  fps: number | null;
  /** Bits per second of the whole file. */
  bitrate: number | null;
  codec: string | null;
}

/** Thrown when no frame can be decoded (an unsupported codec, a damaged file). */
export class PosterError extends Error {
  override name = 'PosterError';
}

/** A poster that takes longer than this is given up (the worker is stopped). */
const POSTER_TIMEOUT_MS = 120_000;

let compiled: Promise<WebAssembly.Module> | null = null;
let release: NodeJS.Timeout | null = null;
/** The compiled module (some 150 MB of memory) is let go after this long without a video. */
const KEEP_COMPILED_MS = 10 * 60_000;

/** FFmpeg's WebAssembly, compiled once and handed to each worker; released when videos stop coming. */
function ffmpegModule(): Promise<WebAssembly.Module> {
  if (!compiled) {
    const wasmFile = createRequire(import.meta.url).resolve('@ffmpeg/core/wasm');
    compiled = readFile(wasmFile).then((bytes) => WebAssembly.compile(bytes));
    compiled.catch(() => (compiled = null));
  }
  if (release) clearTimeout(release);
  release = setTimeout(() => (compiled = null), KEEP_COMPILED_MS);
  release.unref();
  return compiled;
}

interface WorkerAnswer {
  code: number;
  output: Uint8Array | null;
  log: string[];
}

/**
 * Runs one ffmpeg command over `input` in a worker thread (`ffmpeg-worker.mjs`), with FFmpeg
 * compiled to WebAssembly (npm `@ffmpeg/core`: shipped inside the npm package, nothing
 * downloaded, no program installed on the machine). Returns ffmpeg's exit code, the output file
 * and its log.
 */
export async function runFfmpeg(input: Uint8Array, inputName: string, args: string[], outputName: string): Promise<WorkerAnswer> {
  const module = await ffmpegModule();
  const copy = new Uint8Array(input);
  const worker = new Worker(new URL('./ffmpeg-worker.mjs', import.meta.url), {
    workerData: { module, input: copy, inputName, outputName, args },
    transferList: [copy.buffer],
    stdout: true,
    stderr: true,
  });
  return new Promise<WorkerAnswer>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new PosterError('the video took too long to decode'));
    }, POSTER_TIMEOUT_MS);
    worker.once('message', (answer: WorkerAnswer) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(new PosterError(`the video decoder stopped: ${err.message}`));
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new PosterError(`the video decoder exited (${code})`));
    });
  });
}

function parseDuration(log: string[]): number | null {
  const m = log.map((l) => /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(l)).find(Boolean);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : null;
}

/**
 * The first frame of a video as PNG, with what ffmpeg reports of the file (length, frame rate,
 * bit rate, codec). The demuxer is fixed by the sniffed type (no guessing, no playlists or
 * references to other files), audio is ignored. Throws `PosterError` when no frame decodes.
 */
export async function extractPoster(video: Uint8Array, type: VideoType): Promise<VideoPoster> {
  const [format, name] = type === 'video/mp4' ? ['mp4', 'input.mp4'] : ['matroska', 'input.webm'];
  const answer = await runFfmpeg(video, name, ['-hide_banner', '-f', format === 'mp4' ? 'mov' : format, '-i', name, '-map', '0:v:0', '-frames:v', '1', '-an', '-f', 'image2', '-c:v', 'png', 'poster.png'], 'poster.png');
  if (answer.code !== 0 || !answer.output || answer.output.length === 0) {
    const reason = answer.log.filter((l) => /error|invalid|not supported|unsupported|could not/i.test(l)).slice(-1)[0];
    throw new PosterError(reason ? `no frame could be decoded (${reason.trim().slice(0, 160)})` : 'no frame could be decoded');
  }
  const stream = answer.log.find((l) => /Stream #0:\d.*Video:/.test(l)) ?? '';
  const fps = /(\d+(?:\.\d+)?) fps/.exec(stream)?.[1];
  const kbps = answer.log.map((l) => /bitrate: (\d+) kb\/s/.exec(l)).find(Boolean)?.[1];
  return {
    png: Buffer.from(answer.output.buffer, answer.output.byteOffset, answer.output.byteLength),
    durationSeconds: parseDuration(answer.log),
    fps: fps ? Number(fps) : null,
    bitrate: kbps ? Number(kbps) * 1000 : null,
    codec: /Video: (\w+)/.exec(stream)?.[1] ?? null,
  };
}
