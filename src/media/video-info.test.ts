import { describe, expect, it } from 'vitest';
import { encodeTestVideo } from './test-real-videos.js';
import { buildMp4, buildWebm } from './test-videos.js';
import { readVideoInfo } from './video-info.js';

/** Overwrites a WebM's Info/Duration with a Void element of the same length, as live recorders leave it out. */
function withoutDuration(webm: Uint8Array): Uint8Array {
  const copy = new Uint8Array(webm);
  for (let i = 0; i + 3 < copy.length; i++) {
    // Duration (0x4489) with a 1-byte size of 8 (0x88): an 8-byte float.
    if (copy[i] === 0x44 && copy[i + 1] === 0x89 && copy[i + 2] === 0x88) {
      copy.fill(0, i, i + 11);
      copy[i] = 0xec;
      copy[i + 1] = 0x80 | 9;
      return copy;
    }
  }
  throw new Error('no Duration element');
}

describe('reading a video’s length and size from its container', () => {
  it('reads MP4 (mvhd and the video track’s tkhd) and WebM (Info and Tracks) as encoded by FFmpeg', async () => {
    expect(readVideoInfo(await encodeTestVideo('video/mp4', { seconds: 3, width: 160, height: 90 }), 'video/mp4')).toEqual({ durationSeconds: 3, width: 160, height: 90 });
    const webm = readVideoInfo(await encodeTestVideo('video/webm', { seconds: 3 }), 'video/webm');
    expect(webm).toMatchObject({ width: 96, height: 64 });
    expect(webm.durationSeconds).toBeCloseTo(3, 1);
  });

  it('falls back to the last block’s timecode for a WebM without Duration (browsers’ MediaRecorder)', async () => {
    const info = readVideoInfo(withoutDuration(await encodeTestVideo('video/webm', { seconds: 3 })), 'video/webm');
    // The last of 30 frames at 10 per second starts at 2.9 s.
    expect(info.durationSeconds).toBeCloseTo(2.9, 1);
  });

  it('reads the hand-built test files, and answers nulls (never throws) for what it cannot read', () => {
    expect(readVideoInfo(buildMp4('moov-last-64bit'), 'video/mp4')).toMatchObject({ durationSeconds: 2, width: 16, height: 16 });
    expect(readVideoInfo(buildWebm({ live: true }), 'video/webm')).toMatchObject({ width: 16, height: 16 });
    for (const [bytes, type] of [[new Uint8Array([1, 2, 3]), 'video/mp4'], [new Uint8Array([0x1a, 0x45, 0xdf]), 'video/webm'], [new Uint8Array(0), 'video/webm']] as const) {
      expect(readVideoInfo(bytes, type)).toEqual({ durationSeconds: null, width: null, height: null });
    }
  });
});
