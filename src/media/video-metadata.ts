import { AppError } from '../errors.js';
import type { VideoType } from './file-types.js';

/**
 * Removes the metadata a camera or phone writes into a video: where it was recorded (GPS),
 * with what (make, model, software) and when (creation dates), by rewriting the container in
 * place. Every metadata structure is overwritten by padding of exactly the same length, so no
 * other byte moves: sample offsets (`stco`/`co64`, Matroska cues and seek heads) stay valid and
 * the audio and video are untouched. No external program is run.
 *
 * - MP4 (ISO-BMFF): `udta`, `meta`, `uuid` (XMP…), `loci`, `©xyz`-style boxes and `prft` become
 *   `free` boxes with a zeroed payload (existing `free`/`skip` payloads are zeroed too), and the
 *   creation and modification times of `mvhd`, `tkhd` and `mdhd` are set to zero. A timed
 *   metadata track (GoPro GPMF, Android CAMM, Apple `mebx`: GPS fixes sample by sample) has its
 *   samples zeroed in `mdat` and its `trak` blanked.
 * - WebM (Matroska): `Tags` and `Attachments`, and `DateUTC`, `MuxingApp`, `WritingApp` and
 *   `Title` inside `Info`, become `Void` elements.
 *
 * Modifies `bytes` and returns it. A file whose structure cannot be read is refused with
 * `unsupported_media_type`: what cannot be parsed cannot be known to be clean.
 */
export function stripVideoMetadata(bytes: Uint8Array, type: VideoType): Uint8Array {
  if (type === 'video/mp4') stripIsoBmff(bytes);
  else stripMatroska(bytes);
  return bytes;
}

class Unreadable extends Error {
  override name = 'Unreadable';
}

function refuse(type: VideoType, cause: unknown): never {
  const what = type === 'video/mp4' ? 'MP4' : 'WebM';
  throw new AppError('unsupported_media_type', `The video cannot be read as a valid ${what} file; export it again from your camera or editor and retry`, { cause });
}

// ---- ISO base media file format (MP4) ----

/** Boxes whose children are boxes and may hold metadata or the headers with dates. */
const MP4_CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf', 'mvex', 'moof', 'traf', 'mfra']);
/** Boxes removed whole: user data, metadata, vendor extensions (XMP…), location, wall-clock time. */
const MP4_METADATA = new Set(['udta', 'meta', 'uuid', 'loci', 'xyz ', 'XMP_', 'prft', 'free', 'skip']);
/** Full boxes that start with creation and modification times. */
const MP4_DATED = new Set(['mvhd', 'tkhd', 'mdhd']);

interface Box {
  type: string;
  start: number;
  headerLength: number;
  end: number;
}

function readBoxes(bytes: Uint8Array, view: DataView, from: number, to: number): Box[] {
  const boxes: Box[] = [];
  let at = from;
  while (at < to) {
    if (to - at < 8) throw new Unreadable(`${to - at} stray bytes at ${at}`);
    const size32 = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    let headerLength = 8;
    let size: number;
    if (size32 === 1) {
      if (to - at < 16) throw new Unreadable(`truncated largesize at ${at}`);
      const large = view.getBigUint64(at + 8);
      if (large > BigInt(to - at)) throw new Unreadable(`box ${type} at ${at} runs past its parent`);
      size = Number(large);
      headerLength = 16;
    } else {
      size = size32 === 0 ? to - at : size32;
    }
    if (type === 'uuid') headerLength += 16;
    if (size < headerLength || at + size > to) throw new Unreadable(`box ${JSON.stringify(type)} at ${at} has an impossible size ${size}`);
    boxes.push({ type, start: at, headerLength, end: at + size });
    at += size;
  }
  return boxes;
}

function blankBox(bytes: Uint8Array, box: Box): void {
  // The size field (and a 64-bit largesize) stays; the type becomes `free`, the rest zero. A uuid
  // box's 16-byte user type belongs to the zeroed payload of the `free` box.
  bytes.set([0x66, 0x72, 0x65, 0x65], box.start + 4);
  const sizeFields = new DataView(bytes.buffer, bytes.byteOffset).getUint32(box.start) === 1 ? 16 : 8;
  bytes.fill(0, box.start + sizeFields, box.end);
}

function zeroTimes(bytes: Uint8Array, box: Box): void {
  const fields = box.start + box.headerLength;
  const version = bytes[fields];
  const length = version === 1 ? 16 : 8;
  if (version === undefined || version > 1 || fields + 4 + length > box.end) throw new Unreadable(`${box.type} at ${box.start} is malformed`);
  bytes.fill(0, fields + 4, fields + 4 + length);
}

/** Handler types and sample entries of timed metadata tracks (GoPro GPMF, Android CAMM, Apple mebx). */
const METADATA_HANDLERS = new Set(['meta', 'camm']);
const METADATA_SAMPLE_ENTRIES = new Set(['gpmd', 'camm', 'mebx']);

function child(bytes: Uint8Array, view: DataView, parent: Box | undefined, ...path: string[]): Box | undefined {
  let box = parent;
  for (const type of path) {
    if (!box) return undefined;
    box = readBoxes(bytes, view, box.start + box.headerLength, box.end).find((b) => b.type === type);
  }
  return box;
}

const fourCc = (bytes: Uint8Array, at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));

/** True for a track of timed metadata, whose samples are GPS fixes, motion or camera data. */
function isMetadataTrack(bytes: Uint8Array, view: DataView, trak: Box): boolean {
  const hdlr = child(bytes, view, trak, 'mdia', 'hdlr');
  if (hdlr && hdlr.end - hdlr.start >= hdlr.headerLength + 12 && METADATA_HANDLERS.has(fourCc(bytes, hdlr.start + hdlr.headerLength + 8))) return true;
  const stsd = child(bytes, view, trak, 'mdia', 'minf', 'stbl', 'stsd');
  return !!stsd && stsd.end - stsd.start >= stsd.headerLength + 16 && METADATA_SAMPLE_ENTRIES.has(fourCc(bytes, stsd.start + stsd.headerLength + 12));
}

/**
 * Zeroes a track's samples in `mdat`, found through its sample tables (stsz, stsc, stco/co64):
 * blanking the `trak` alone would leave the GPS fixes in the file, only unindexed.
 */
function zeroTrackSamples(bytes: Uint8Array, view: DataView, trak: Box): void {
  const stbl = child(bytes, view, trak, 'mdia', 'minf', 'stbl');
  const stsz = child(bytes, view, stbl, 'stsz');
  const stsc = child(bytes, view, stbl, 'stsc');
  const offsets = child(bytes, view, stbl, 'stco') ?? child(bytes, view, stbl, 'co64');
  if (!stsz || !stsc || !offsets) return; // no samples indexed here (e.g. a fragmented file's moov)
  const table = (box: Box, entrySize: number, countAt: number) => {
    const first = box.start + box.headerLength + countAt + 4;
    if (first > box.end) throw new Unreadable(`${box.type} at ${box.start} is truncated`);
    const count = view.getUint32(first - 4);
    if (first + count * entrySize > box.end) throw new Unreadable(`${box.type} at ${box.start} is truncated`);
    return { count, first };
  };
  if (stsz.end - stsz.start < stsz.headerLength + 12) throw new Unreadable(`stsz at ${stsz.start} is truncated`);
  const fixedSize = view.getUint32(stsz.start + stsz.headerLength + 4);
  const sizes = table(stsz, fixedSize === 0 ? 4 : 0, 8);
  const runs = table(stsc, 12, 4);
  const large = offsets.type === 'co64';
  const chunks = table(offsets, large ? 8 : 4, 4);
  const firstChunkOf = (run: number) => view.getUint32(runs.first + run * 12);
  let sample = 0;
  let run = 0;
  let zeroed = 0;
  for (let chunk = 1; chunk <= chunks.count && sample < sizes.count; chunk++) {
    while (run + 1 < runs.count && firstChunkOf(run + 1) <= chunk) run++;
    const perChunk = runs.count > 0 && firstChunkOf(run) <= chunk ? view.getUint32(runs.first + run * 12 + 4) : 0;
    const entry = chunks.first + (chunk - 1) * (large ? 8 : 4);
    let at = large ? Number(view.getBigUint64(entry)) : view.getUint32(entry);
    for (let i = 0; i < perChunk && sample < sizes.count; i++, sample++) {
      const size = fixedSize || view.getUint32(sizes.first + sample * 4);
      zeroed += size;
      // Samples never overlap: more bytes than the file holds means the tables are corrupt.
      if (at + size > bytes.length || zeroed > bytes.length) throw new Unreadable(`the metadata samples at ${at} run past the end of the file`);
      bytes.fill(0, at, at + size);
      at += size;
    }
  }
}

function walkBoxes(bytes: Uint8Array, view: DataView, from: number, to: number): void {
  for (const box of readBoxes(bytes, view, from, to)) {
    if (box.type === 'trak' && isMetadataTrack(bytes, view, box)) {
      zeroTrackSamples(bytes, view, box);
      blankBox(bytes, box);
      continue;
    }
    // Apple's `©xyz`, `©mak`, `©day`… use the © sign (0xA9) as first byte of the type.
    if (MP4_METADATA.has(box.type) || box.type.charCodeAt(0) === 0xa9) blankBox(bytes, box);
    else if (MP4_DATED.has(box.type)) zeroTimes(bytes, box);
    else if (MP4_CONTAINERS.has(box.type)) walkBoxes(bytes, view, box.start + box.headerLength, box.end);
  }
}

function stripIsoBmff(bytes: Uint8Array): void {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const top = readBoxes(bytes, view, 0, bytes.length);
    if (top[0]?.type !== 'ftyp') throw new Unreadable('the file does not start with ftyp');
    if (!top.some((box) => box.type === 'moov')) throw new Unreadable('the file has no moov box');
    walkBoxes(bytes, view, 0, bytes.length);
  } catch (cause) {
    if (cause instanceof Unreadable) refuse('video/mp4', cause);
    throw cause;
  }
}

// ---- EBML (WebM, Matroska) ----

const EBML_HEADER = 0x1a45dfa3;
const SEGMENT = 0x18538067;
const CLUSTER = 0x1f43b675;
const INFO = 0x1549a966;
const VOID = 0xec;
/** Segment children removed whole: tags (title, GPS, device…) and attached files (cover images). */
const MATROSKA_METADATA = new Set([0x1254c367, 0x1941a469]);
/** Info children removed: DateUTC, MuxingApp, WritingApp, Title. */
const MATROSKA_INFO_METADATA = new Set([0x4461, 0x4d80, 0x5741, 0x7ba9]);

interface Element {
  id: number;
  start: number;
  dataStart: number;
  /** Null for an element of unknown size (allowed for Segment and Cluster only). */
  end: number | null;
}

/** A variable-length integer: its length in bytes (1–8), its value, and whether all value bits are 1. */
function readVint(bytes: Uint8Array, at: number, keepMarker: boolean): { length: number; value: number; allOnes: boolean } {
  const first = bytes[at];
  if (first === undefined || first === 0) throw new Unreadable(`invalid variable-length integer at ${at}`);
  const length = Math.clz32(first) - 23;
  if (at + length > bytes.length) throw new Unreadable(`truncated element at ${at}`);
  const mask = keepMarker ? 0xff : 0xff >> length;
  let value = first & mask;
  let allOnes = (first & (0xff >> length)) === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = bytes[at + i]!;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { length, value, allOnes };
}

function readElement(bytes: Uint8Array, at: number, limit: number): Element {
  const id = readVint(bytes, at, true);
  if (id.length > 4) throw new Unreadable(`element ID longer than 4 bytes at ${at}`);
  const size = readVint(bytes, at + id.length, false);
  const dataStart = at + id.length + size.length;
  if (size.allOnes) {
    if (id.value !== SEGMENT && id.value !== CLUSTER) throw new Unreadable(`element ${id.value.toString(16)} at ${at} has an unknown size`);
    return { id: id.value, start: at, dataStart, end: null };
  }
  const end = dataStart + size.value;
  if (end > limit) throw new Unreadable(`element ${id.value.toString(16)} at ${at} runs past its parent`);
  return { id: id.value, start: at, dataStart, end };
}

/** Overwrites `[start, end)` with one Void element of exactly that length. */
function writeVoid(bytes: Uint8Array, start: number, end: number): void {
  const total = end - start;
  if (total < 2) throw new Unreadable(`element at ${start} is too short to be replaced`);
  // One ID byte, then a size field of 1–8 bytes; the rest is zeroed data.
  const sizeLength = Math.min(8, total - 1);
  let dataLength = total - 1 - sizeLength;
  bytes.fill(0, start, end);
  bytes[start] = VOID;
  for (let i = sizeLength; i >= 1; i--) {
    bytes[start + i] = dataLength % 256;
    dataLength = Math.floor(dataLength / 256);
  }
  bytes[start + 1]! |= 1 << (8 - sizeLength);
}

function stripInfo(bytes: Uint8Array, info: Element): void {
  const end = info.end!;
  for (let at = info.dataStart; at < end; ) {
    const child = readElement(bytes, at, end);
    if (child.end === null) throw new Unreadable(`unknown size inside Info at ${at}`);
    if (MATROSKA_INFO_METADATA.has(child.id)) writeVoid(bytes, child.start, child.end);
    at = child.end;
  }
}

function stripSegment(bytes: Uint8Array, segment: Element): void {
  const end = segment.end ?? bytes.length;
  for (let at = segment.dataStart; at < end; ) {
    const child = readElement(bytes, at, end);
    // A Cluster of unknown size ends where the next top-level element starts: reading its
    // children as if they were the Segment's finds that element all the same.
    if (child.end === null) {
      if (child.id !== CLUSTER) throw new Unreadable(`nested Segment at ${at}`);
      at = child.dataStart;
      continue;
    }
    if (MATROSKA_METADATA.has(child.id)) writeVoid(bytes, child.start, child.end);
    else if (child.id === INFO) stripInfo(bytes, child);
    at = child.end;
  }
}

function stripMatroska(bytes: Uint8Array): void {
  try {
    let segments = 0;
    for (let at = 0; at < bytes.length; ) {
      const element = readElement(bytes, at, bytes.length);
      if (at === 0 && element.id !== EBML_HEADER) throw new Unreadable('the file does not start with an EBML header');
      if (element.id === SEGMENT) {
        segments += 1;
        stripSegment(bytes, element);
      }
      at = element.end ?? bytes.length;
    }
    if (segments === 0) throw new Unreadable('the file has no Segment');
  } catch (cause) {
    if (cause instanceof Unreadable) refuse('video/webm', cause);
    throw cause;
  }
}
