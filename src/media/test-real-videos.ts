/**
 * Test helper: real, playable videos (H.264 in MP4, VP8 in WebM) encoded with the same FFmpeg
 * WebAssembly the app uses for posters, carrying the metadata a phone writes (position, device),
 * so tests can check that it is removed and the video still plays. Not used by the application.
 */
import { concat, DEVICE_MAKE, DEVICE_MODEL, GPS, udta } from './test-videos.js';
import { runFfmpeg } from './video-poster.js';

/** A colour test pattern of `seconds` at 10 frames per second. */
export async function encodeTestVideo(type: 'video/mp4' | 'video/webm', options: { seconds?: number; width?: number; height?: number } = {}): Promise<Uint8Array> {
  const { seconds = 2, width = 96, height = 64 } = options;
  const out = type === 'video/mp4' ? 'out.mp4' : 'out.webm';
  const codec = type === 'video/mp4' ? ['-c:v', 'libx264', '-pix_fmt', 'yuv420p'] : ['-c:v', 'libvpx', '-metadata', `LOCATION=${GPS}`, '-metadata', `MAKE=${DEVICE_MAKE}`, '-metadata', `MODEL=${DEVICE_MODEL}`];
  const answer = await runFfmpeg(new Uint8Array(1), 'unused', ['-hide_banner', '-f', 'lavfi', '-i', `testsrc=duration=${seconds}:size=${width}x${height}:rate=10`, ...codec, out], out);
  if (answer.code !== 0 || !answer.output) throw new Error(`could not encode a test video: ${answer.log.slice(-3).join(' ')}`);
  return type === 'video/mp4' ? withUserData(answer.output) : answer.output;
}

/** Appends a `udta` box (©xyz position, make, model, date) to the file's `moov`, which ffmpeg writes last. */
function withUserData(mp4: Uint8Array): Uint8Array {
  const view = new DataView(mp4.buffer, mp4.byteOffset, mp4.byteLength);
  let at = 0;
  let moov = -1;
  while (at + 8 <= mp4.length) {
    const size = view.getUint32(at);
    if (String.fromCharCode(...mp4.subarray(at + 4, at + 8)) === 'moov') moov = at;
    if (size < 8) break;
    at += size;
  }
  if (moov < 0 || moov + view.getUint32(moov) !== mp4.length) throw new Error('moov is not the last box');
  const extra = udta();
  const out = concat(mp4, extra);
  new DataView(out.buffer).setUint32(moov, view.getUint32(moov) + extra.length);
  return out;
}
