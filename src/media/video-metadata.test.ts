import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import {
  buildMp4,
  buildWebm,
  concat,
  DEVICE_MAKE,
  DEVICE_MODEL,
  ebml,
  GPS,
  GPS_SAMPLE,
  loci,
  MDAT_PAYLOAD,
  mdhd,
  meta,
  mvhd,
  RECORDED_ON,
  tkhd,
  udta,
  WEBM_MUXER,
  WEBM_WRITER,
  webmTags,
  xmpUuid,
  box,
  type Mp4Layout,
} from './test-videos.js';
import { stripVideoMetadata } from './video-metadata.js';

const contains = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text, 'utf8'));
const XMP_ID = Buffer.from('be7acfcb97a942e89c71999491e3afac', 'hex');

function indexesOf(haystack: Uint8Array, needle: Uint8Array): number[] {
  const found: number[] = [];
  const buffer = Buffer.from(haystack);
  for (let at = buffer.indexOf(needle); at !== -1; at = buffer.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** What the stripped file must be, written independently of the implementation. */
function expectedMp4(original: Uint8Array, layout: Mp4Layout): Uint8Array {
  const expected = original.slice();
  const version = layout === 'moov-last-64bit' ? 1 : 0;
  for (const part of [udta(), meta(), xmpUuid(), box('udta', [loci()])]) {
    for (const at of indexesOf(original, part)) {
      expected.set(Buffer.from('free'), at + 4);
      expected.fill(0, at + 8, at + part.length);
    }
  }
  for (const header of [mvhd(version), tkhd(version), mdhd(version)]) {
    for (const at of indexesOf(original, header)) expected.fill(0, at + 12, at + 12 + (version === 1 ? 16 : 8));
  }
  if (layout === 'gps-track') {
    // The GPMF track becomes a zeroed free box, and its sample in mdat zeroes.
    for (const at of indexesOf(original, Buffer.from('trak'))) {
      const start = at - 4;
      const end = start + new DataView(original.buffer).getUint32(start);
      if (!Buffer.from(original.subarray(start, end)).includes(Buffer.from('gpmd'))) continue;
      expected.set(Buffer.from('free'), at);
      expected.fill(0, at + 4, end);
    }
    const sample = Buffer.from(original).indexOf(GPS_SAMPLE);
    expected.fill(0, sample, sample + GPS_SAMPLE.length);
  }
  return expected;
}

describe('stripping MP4 metadata (ISO-BMFF)', () => {
  for (const layout of ['moov-first', 'moov-last-64bit', 'mdat-to-end', 'gps-track'] as const) {
    it(`removes position, device, date and XMP and zeroes the times, keeping every other byte (${layout})`, () => {
      const original = buildMp4(layout);
      for (const text of [GPS, DEVICE_MAKE, DEVICE_MODEL, RECORDED_ON]) expect(contains(original, text), text).toBe(true);
      const stripped = stripVideoMetadata(original.slice(), 'video/mp4');
      expect(stripped.length).toBe(original.length);
      for (const text of [GPS, DEVICE_MAKE, DEVICE_MODEL, RECORDED_ON, 'Consulta', 'ISO6709']) expect(contains(stripped, text), text).toBe(false);
      expect(Buffer.from(stripped).includes(XMP_ID)).toBe(false);
      expect(Buffer.from(stripped).includes(Buffer.from('udta'))).toBe(false);
      expect(Buffer.from(stripped).includes(Buffer.from('GPS5'))).toBe(false);
      expect(Buffer.from(stripped).equals(Buffer.from(expectedMp4(original, layout)))).toBe(true);
      // The sample is still where stco/co64 says it is.
      const at = Buffer.from(stripped).indexOf(MDAT_PAYLOAD);
      expect(at).toBe(Buffer.from(original).indexOf(MDAT_PAYLOAD));
    });
  }

  it('zeroes 32-bit and 64-bit creation and modification times in mvhd, tkhd and mdhd', () => {
    for (const version of [0, 1]) {
      const file = concat(box('ftyp', [Buffer.from('isom'), new Uint8Array(4)]), box('moov', [mvhd(version), box('trak', [tkhd(version), box('mdia', [mdhd(version)])])]));
      const stripped = stripVideoMetadata(file.slice(), 'video/mp4');
      for (const header of ['mvhd', 'tkhd', 'mdhd']) {
        const at = Buffer.from(stripped).indexOf(header) + 8;
        expect([...stripped.subarray(at, at + (version === 1 ? 16 : 8))].every((b) => b === 0), `${header} v${version}`).toBe(true);
        expect(stripped.subarray(at + (version === 1 ? 16 : 8), at + 24)).toEqual(file.subarray(at + (version === 1 ? 16 : 8), at + 24));
      }
    }
  });

  it('refuses files whose boxes cannot be read (415), never a server error', () => {
    const good = buildMp4();
    const broken = [
      good.subarray(0, good.length - 3), // truncated mdat
      concat(good.subarray(0, 32), Uint8Array.of(0, 0, 0, 4, 0x6d, 0x6f, 0x6f, 0x76)), // size smaller than its header
      concat(box('ftyp', [Buffer.from('isom'), new Uint8Array(4)]), box('mdat', [MDAT_PAYLOAD])), // no moov
      concat(good, Uint8Array.of(0, 0, 0)), // trailing bytes that are not a box
      concat(box('ftyp', [Buffer.from('isom'), new Uint8Array(4)]), box('moov', [box('mvhd', [new Uint8Array(6)])])), // mvhd too short
      (() => {
        // a GPS track whose chunk offset points past the end of the file
        const file = buildMp4('gps-track');
        const stco = Buffer.from(file).lastIndexOf(Buffer.from('stco'));
        new DataView(file.buffer).setUint32(stco + 12, file.length);
        return file;
      })(),
    ];
    for (const [i, file] of broken.entries()) {
      let error: unknown;
      try {
        stripVideoMetadata(file.slice(), 'video/mp4');
      } catch (e) {
        error = e;
      }
      expect(error, `case ${i}`).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('unsupported_media_type');
    }
  });
});

/** Reads one EBML Void element at `at`: its total length, and whether its data is all zero. */
function readVoid(bytes: Uint8Array, at: number): { length: number; zeroed: boolean } {
  expect(bytes[at]).toBe(0xec);
  const first = bytes[at + 1]!;
  const sizeLength = Math.clz32(first) - 23;
  let size = first & (0xff >> sizeLength);
  for (let i = 1; i < sizeLength; i++) size = size * 256 + bytes[at + 1 + i]!;
  const start = at + 1 + sizeLength;
  return { length: 1 + sizeLength + size, zeroed: bytes.subarray(start, start + size).every((b) => b === 0) };
}

describe('stripping WebM metadata (EBML)', () => {
  for (const options of [{}, { live: true }, { emptyMuxer: true }]) {
    it(`replaces Tags, DateUTC, MuxingApp and WritingApp with Void elements of the same length ${JSON.stringify(options)}`, () => {
      const original = buildWebm(options);
      for (const text of [GPS, DEVICE_MAKE, WEBM_WRITER]) expect(contains(original, text), text).toBe(true);
      const stripped = stripVideoMetadata(original.slice(), 'video/webm');
      expect(stripped.length).toBe(original.length);
      for (const text of [GPS, DEVICE_MAKE, WEBM_MUXER, WEBM_WRITER, 'LOCATION']) expect(contains(stripped, text), text).toBe(false);
      const replaced: [number, number][] = [];
      for (const id of [[0x12, 0x54, 0xc3, 0x67], [0x44, 0x61], [0x4d, 0x80], [0x57, 0x41]]) {
        const at = Buffer.from(original).indexOf(Uint8Array.from(id));
        expect(at, id.join()).toBeGreaterThan(0);
        const element = id[0] === 0x12 ? webmTags(options.live ? 8 : undefined) : undefined;
        const found = readVoid(stripped, at);
        if (element) expect(found.length).toBe(element.length);
        expect(found.zeroed).toBe(true);
        replaced.push([at, at + found.length]);
      }
      // Every byte outside the replaced elements is unchanged.
      for (let i = 0; i < original.length; i++) {
        if (replaced.some(([from, to]) => i >= from && i < to)) continue;
        if (stripped[i] !== original[i]) throw new Error(`byte ${i} changed`);
      }
    });
  }

  it('refuses WebM files whose elements cannot be read (415)', () => {
    const good = buildWebm();
    const broken = [
      good.subarray(0, good.length - 5),
      concat(good.subarray(0, 40), Uint8Array.of(0x00, 0x00)),
      ebml([0x1a, 0x45, 0xdf, 0xa3], [ebml([0x42, 0x82], Buffer.from('webm'))]), // no Segment
      concat(good.subarray(0, 5 + (good[4]! & 0x7f)), ebml([0x18, 0x53, 0x80, 0x67], [ebml([0x12, 0x54, 0xc3, 0x67], [], { unknown: true })])), // Tags of unknown size
    ];
    for (const [i, file] of broken.entries()) {
      expect(() => stripVideoMetadata(file.slice(), 'video/webm'), `case ${i}`).toThrow(AppError);
    }
  });
});
