import type { VideoType } from './file-types.js';

/** What a video's container says about it, before any frame is decoded. */
export interface VideoInfo {
  /** Seconds, or null when the container does not say (a live WebM without Duration, say). */
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
}

/**
 * Reads a video's length and frame size from its container, as `stripVideoMetadata` reads its
 * boxes: MP4 from `mvhd` (or `mehd` for fragmented files) and the video track's `tkhd`; WebM from
 * `Info` (Duration × TimecodeScale), or, when Duration is absent (browsers' MediaRecorder), from
 * the last block's timecode, and the video track's PixelWidth/PixelHeight. Never throws: what it
 * cannot read is null, and the upload's own checks refuse unreadable files.
 */
export function readVideoInfo(bytes: Uint8Array, type: VideoType): VideoInfo {
  try {
    return type === 'video/mp4' ? readMp4(bytes) : readWebm(bytes);
  } catch {
    return { durationSeconds: null, width: null, height: null };
  }
}

// ---- MP4 ----

interface Box {
  type: string;
  start: number;
  payload: number;
  end: number;
}

function boxes(bytes: Uint8Array, view: DataView, from: number, to: number): Box[] {
  const out: Box[] = [];
  for (let at = from; at + 8 <= to; ) {
    const size32 = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    let header = 8;
    let size = size32;
    if (size32 === 1) {
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size32 === 0) size = to - at;
    if (size < header || at + size > to) break;
    out.push({ type, start: at, payload: at + header, end: at + size });
    at += size;
  }
  return out;
}

const childOf = (bytes: Uint8Array, view: DataView, parent: Box, type: string) => boxes(bytes, view, parent.payload, parent.end).find((b) => b.type === type);

function readMp4(bytes: Uint8Array): VideoInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const moov = boxes(bytes, view, 0, bytes.length).find((b) => b.type === 'moov');
  if (!moov) return { durationSeconds: null, width: null, height: null };
  let durationSeconds: number | null = null;
  const mvhd = childOf(bytes, view, moov, 'mvhd');
  let timescale = 0;
  if (mvhd) {
    const v = bytes[mvhd.payload];
    timescale = view.getUint32(mvhd.payload + (v === 1 ? 20 : 12));
    const duration = v === 1 ? Number(view.getBigUint64(mvhd.payload + 24)) : view.getUint32(mvhd.payload + 16);
    if (timescale > 0 && duration > 0 && duration !== 0xffffffff) durationSeconds = duration / timescale;
  }
  const mvex = childOf(bytes, view, moov, 'mvex');
  const mehd = mvex ? childOf(bytes, view, mvex, 'mehd') : undefined;
  if (durationSeconds === null && mehd && timescale > 0) {
    const v = bytes[mehd.payload];
    const duration = v === 1 ? Number(view.getBigUint64(mehd.payload + 4)) : view.getUint32(mehd.payload + 4);
    if (duration > 0) durationSeconds = duration / timescale;
  }
  let width: number | null = null;
  let height: number | null = null;
  for (const trak of boxes(bytes, view, moov.payload, moov.end).filter((b) => b.type === 'trak')) {
    const mdia = childOf(bytes, view, trak, 'mdia');
    const hdlr = mdia ? childOf(bytes, view, mdia, 'hdlr') : undefined;
    if (!hdlr || String.fromCharCode(...bytes.subarray(hdlr.payload + 8, hdlr.payload + 12)) !== 'vide') continue;
    const tkhd = childOf(bytes, view, trak, 'tkhd');
    if (!tkhd) continue;
    const at = tkhd.payload + (bytes[tkhd.payload] === 1 ? 88 : 76);
    if (at + 8 > tkhd.end) continue;
    width = Math.round(view.getUint32(at) / 65536) || null;
    height = Math.round(view.getUint32(at + 4) / 65536) || null;
    break;
  }
  return { durationSeconds, width, height };
}

// ---- WebM (EBML) ----

const SEGMENT = 0x18538067;
const CLUSTER = 0x1f43b675;
const INFO = 0x1549a966;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const TRACK_TYPE = 0x83;
const VIDEO = 0xe0;
const PIXEL_WIDTH = 0xb0;
const PIXEL_HEIGHT = 0xba;
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;
const CLUSTER_TIMECODE = 0xe7;
const SIMPLE_BLOCK = 0xa3;
const BLOCK_GROUP = 0xa0;
const BLOCK = 0xa1;

interface Element {
  id: number;
  data: number;
  /** Null for an unknown size. */
  end: number | null;
}

function vint(bytes: Uint8Array, at: number, keepMarker: boolean): { length: number; value: number; unknown: boolean } {
  const first = bytes[at];
  if (first === undefined || first === 0) throw new Error('bad vint');
  const length = Math.clz32(first) - 23;
  let value = keepMarker ? first : first & (0xff >> length);
  let unknown = (first & (0xff >> length)) === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = bytes[at + i];
    if (byte === undefined) throw new Error('truncated vint');
    value = value * 256 + byte;
    unknown &&= byte === 0xff;
  }
  return { length, value, unknown };
}

function element(bytes: Uint8Array, at: number): Element {
  const id = vint(bytes, at, true);
  const size = vint(bytes, at + id.length, false);
  const data = at + id.length + size.length;
  return { id: id.value, data, end: size.unknown ? null : Math.min(bytes.length, data + size.value) };
}

function children(bytes: Uint8Array, from: number, to: number): Element[] {
  const out: Element[] = [];
  for (let at = from; at < to; ) {
    const e = element(bytes, at);
    if (e.end === null) break;
    out.push(e);
    at = e.end;
  }
  return out;
}

function uint(bytes: Uint8Array, e: Element): number {
  let value = 0;
  for (let i = e.data; i < e.end!; i++) value = value * 256 + bytes[i]!;
  return value;
}

function float(bytes: Uint8Array, e: Element): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset + e.data, e.end! - e.data);
  return e.end! - e.data === 4 ? view.getFloat32(0) : e.end! - e.data === 8 ? view.getFloat64(0) : NaN;
}

function readWebm(bytes: Uint8Array): VideoInfo {
  let at = 0;
  let segment: Element | null = null;
  while (at < bytes.length) {
    const e = element(bytes, at);
    if (e.id === SEGMENT) {
      segment = e;
      break;
    }
    if (e.end === null) break;
    at = e.end;
  }
  if (!segment) return { durationSeconds: null, width: null, height: null };
  const end = segment.end ?? bytes.length;
  let scale = 1_000_000;
  let duration: number | null = null;
  let width: number | null = null;
  let height: number | null = null;
  let clusterTime = 0;
  let lastTime = 0;
  const blockTime = (data: number) => {
    const track = vint(bytes, data, false);
    const relative = new DataView(bytes.buffer, bytes.byteOffset + data + track.length, 2).getInt16(0);
    lastTime = Math.max(lastTime, clusterTime + relative);
  };
  // A flat walk of the segment: a Cluster's children (known or unknown size) are read as they come.
  const walk = (from: number, to: number) => {
    for (let pos = from; pos < to; ) {
      const e = element(bytes, pos);
      if (e.end === null) {
        if (e.id !== CLUSTER) return;
        pos = e.data;
        continue;
      }
      if (e.id === INFO) {
        for (const c of children(bytes, e.data, e.end)) {
          if (c.id === TIMECODE_SCALE) scale = uint(bytes, c);
          if (c.id === DURATION) duration = float(bytes, c);
        }
      } else if (e.id === TRACKS) {
        for (const entry of children(bytes, e.data, e.end).filter((c) => c.id === TRACK_ENTRY)) {
          const fields = children(bytes, entry.data, entry.end!);
          const type = fields.find((c) => c.id === TRACK_TYPE);
          const video = fields.find((c) => c.id === VIDEO);
          if (width === null && video && (!type || uint(bytes, type) === 1)) {
            const dims = children(bytes, video.data, video.end!);
            const w = dims.find((c) => c.id === PIXEL_WIDTH);
            const h = dims.find((c) => c.id === PIXEL_HEIGHT);
            width = w ? uint(bytes, w) || null : null;
            height = h ? uint(bytes, h) || null : null;
          }
        }
      } else if (e.id === CLUSTER) {
        walk(e.data, e.end);
      } else if (e.id === CLUSTER_TIMECODE) {
        clusterTime = uint(bytes, e);
      } else if (e.id === SIMPLE_BLOCK) {
        blockTime(e.data);
      } else if (e.id === BLOCK_GROUP) {
        const block = children(bytes, e.data, e.end).find((c) => c.id === BLOCK);
        if (block) blockTime(block.data);
      }
      pos = e.end;
    }
  };
  walk(segment.data, end);
  const fromInfo = duration !== null && Number.isFinite(duration) && duration > 0 ? (duration * scale) / 1e9 : null;
  const fromBlocks = lastTime > 0 ? (lastTime * scale) / 1e9 : null;
  return { durationSeconds: fromInfo ?? fromBlocks, width, height };
}
