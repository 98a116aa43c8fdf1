/**
 * Test helper: small but structurally valid MP4 (ISO-BMFF) and WebM (EBML) files that carry the
 * metadata a phone writes (GPS position, camera make and model, recording date, XMP, tags), so
 * tests can check that uploads lose it. Not used by the application.
 */

export const GPS = '+40.4168-003.7038/';
export const DEVICE_MAKE = 'SecretCam';
export const DEVICE_MODEL = 'GPS-Leaker 3000';
export const RECORDED_ON = '2026-11-30T08:15:00+0100';
export const XMP_UUID = 'be7acfcb97a942e89c71999491e3afac';
/** Any non-zero times: 2026-11-30 in seconds since 1904 (the ISO-BMFF epoch). */
export const CREATION_TIME = 3_847_500_000;
export const MODIFICATION_TIME = 3_847_500_100;

const latin1 = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
const utf8 = (text: string) => Uint8Array.from(Buffer.from(text, 'utf8'));

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const u8 = (n: number) => Uint8Array.of(n & 0xff);
const u16 = (n: number) => Uint8Array.of((n >>> 8) & 0xff, n & 0xff);
const u32 = (n: number) => Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
const u64 = (n: number) => concat(u32(Math.floor(n / 2 ** 32)), u32(n >>> 0));
const zeros = (n: number) => new Uint8Array(n);

/** An ISO-BMFF box: 32-bit size, or `large` for size 1 + 64-bit largesize, or `toEnd` for size 0. */
export function box(type: string, payload: Uint8Array[] = [], options: { large?: boolean; toEnd?: boolean } = {}): Uint8Array {
  const body = concat(...payload);
  const kind = latin1(type);
  if (options.toEnd) return concat(u32(0), kind, body);
  if (options.large) return concat(u32(1), kind, u64(16 + body.length), body);
  return concat(u32(8 + body.length), kind, body);
}

const fullBox = (type: string, version: number, payload: Uint8Array[]) => box(type, [u8(version), zeros(3), ...payload]);
const times = (version: number) => (version === 1 ? [u64(CREATION_TIME), u64(MODIFICATION_TIME)] : [u32(CREATION_TIME), u32(MODIFICATION_TIME)]);
const matrix = concat(u32(0x00010000), zeros(12), u32(0x00010000), zeros(12), u32(0x40000000));

export const mvhd = (version = 0) =>
  fullBox('mvhd', version, [...times(version), u32(1000), version === 1 ? u64(2000) : u32(2000), u32(0x00010000), u16(0x0100), zeros(10), matrix, zeros(24), u32(2)]);
export const tkhd = (version = 0) =>
  fullBox('tkhd', version, [...times(version), u32(1), zeros(4), version === 1 ? u64(2000) : u32(2000), zeros(8), zeros(8), matrix, u32(16 << 16), u32(16 << 16)]);
export const mdhd = (version = 0) => fullBox('mdhd', version, [...times(version), u32(90000), version === 1 ? u64(180000) : u32(180000), u16(0x55c4), zeros(2)]);
const hdlr = (handler: string, name: string) => fullBox('hdlr', 0, [zeros(4), latin1(handler), zeros(12), utf8(`${name}\0`)]);
/** An Apple user-data string (©xyz, ©mak…): 16-bit length, 16-bit language, text. */
const appleString = (type: string, text: string) => box(type, [u16(utf8(text).length), u16(0x15c7), utf8(text)]);

/** `udta` with the position (©xyz, as iPhones and Android cameras write it), device and date. */
export const udta = () =>
  box('udta', [appleString('\u00a9xyz', GPS), appleString('\u00a9mak', DEVICE_MAKE), appleString('\u00a9mod', DEVICE_MODEL), appleString('\u00a9day', RECORDED_ON)]);
const LOCATION_KEY = 'com.apple.quicktime.location.ISO6709';
/** A QuickTime-style `meta` (hdlr + keys + ilst) with the ISO 6709 location key. */
export const meta = () =>
  fullBox('meta', 0, [
    hdlr('mdta', ''),
    fullBox('keys', 0, [u32(1), u32(8 + LOCATION_KEY.length), latin1('mdta'), latin1(LOCATION_KEY)]),
    box('ilst', [box('\0\0\0\x01', [box('data', [u32(1), u32(0), utf8(GPS)])])]),
  ]);
/** A `loci` box (3GPP location information) with a place name. */
export const loci = () => fullBox('loci', 0, [u16(0x15c7), utf8('Consulta Dr. Pérez\0'), u8(0), u32(0), u32(0), u32(0), utf8('Earth\0'), utf8('\0')]);
/** The XMP packet in its `uuid` box, with the device and the date. */
export const xmpUuid = () =>
  box('uuid', [Uint8Array.from(Buffer.from(XMP_UUID, 'hex')), utf8(`<x:xmpmeta><tiff:Make>${DEVICE_MAKE}</tiff:Make><xmp:CreateDate>${RECORDED_ON}</xmp:CreateDate></x:xmpmeta>`)]);

export const MDAT_PAYLOAD = utf8('frame-bytes-0123456789');

const avc1 = () => box('avc1', [zeros(6), u16(1), zeros(16), u16(16), u16(16), u32(0x00480000), u32(0x00480000), zeros(4), u16(1), zeros(32), u16(0x18), u16(0xffff)]);
/** GoPro's GPMF sample entry: a timed metadata track whose samples carry GPS fixes. */
const gpmd = () => box('gpmd', [zeros(6), u16(1)]);

function stbl(entry: Uint8Array, sampleLength: number, chunkOffset: number, large = false): Uint8Array {
  const stsd = fullBox('stsd', 0, [u32(1), entry]);
  const offsets = large ? fullBox('co64', 0, [u32(1), u64(chunkOffset)]) : fullBox('stco', 0, [u32(1), u32(chunkOffset)]);
  return box('stbl', [stsd, fullBox('stts', 0, [u32(1), u32(1), u32(2000)]), fullBox('stsc', 0, [u32(1), u32(1), u32(1), u32(1)]), fullBox('stsz', 0, [u32(0), u32(1), u32(sampleLength)]), offsets]);
}

/** A GPMF sample as a GoPro writes it: a GPS5 key, then the fix (here as text, to find it). */
export const GPS_SAMPLE = concat(latin1('DEVC'), u32(0), latin1('GPS5'), utf8(GPS));

function moov(version: number, chunkOffset: number, options: { trakMeta?: boolean; large?: boolean; gpsTrackOffset?: number }): Uint8Array {
  const minf = box('minf', [fullBox('vmhd', 0, [zeros(8)]), box('dinf', [fullBox('dref', 0, [u32(1), fullBox('url ', 0, [])])]), stbl(avc1(), MDAT_PAYLOAD.length, chunkOffset, options.large)]);
  const trak = box('trak', [tkhd(version), box('mdia', [mdhd(version), hdlr('vide', 'VideoHandler'), minf]), ...(options.trakMeta ? [meta(), box('udta', [loci()])] : [])]);
  const gpsTrack =
    options.gpsTrackOffset === undefined
      ? []
      : [box('trak', [tkhd(version), box('mdia', [mdhd(version), hdlr('meta', 'GoPro MET'), box('minf', [fullBox('nmhd', 0, []), stbl(gpmd(), GPS_SAMPLE.length, options.gpsTrackOffset)])])])];
  return box('moov', [mvhd(version), trak, ...gpsTrack, udta(), meta()]);
}

export type Mp4Layout = 'moov-first' | 'moov-last-64bit' | 'mdat-to-end' | 'gps-track';

/**
 * An MP4 whose one video sample lives in `mdat`, pointed at by `stco`/`co64`:
 * - `moov-first`: ftyp, moov (version 0 headers, udta, meta), XMP uuid, mdat;
 * - `moov-last-64bit`: ftyp, mdat with a 64-bit largesize, moov after it (version 1 headers, co64,
 *   meta and loci in the track too);
 * - `mdat-to-end`: ftyp, moov, XMP uuid, then an mdat of size 0 ("until the end of the file");
 * - `gps-track`: as `moov-first`, plus a GoPro-style timed metadata track (`gpmd`) whose one
 *   sample, after the video sample in mdat, is a GPS fix.
 */
export function buildMp4(layout: Mp4Layout = 'moov-first'): Uint8Array {
  const ftyp = box('ftyp', [latin1('isom'), u32(0x200), latin1('isomiso2avc1mp41')]);
  if (layout === 'moov-last-64bit') {
    const mdat = box('mdat', [MDAT_PAYLOAD], { large: true });
    return concat(ftyp, mdat, moov(1, ftyp.length + 16, { trakMeta: true, large: true }));
  }
  const gps = layout === 'gps-track';
  const header = moov(0, 0, gps ? { gpsTrackOffset: 0 } : {}).length + ftyp.length + xmpUuid().length;
  const mdat = box('mdat', gps ? [MDAT_PAYLOAD, GPS_SAMPLE] : [MDAT_PAYLOAD], layout === 'mdat-to-end' ? { toEnd: true } : {});
  return concat(ftyp, moov(0, header + 8, gps ? { gpsTrackOffset: header + 8 + MDAT_PAYLOAD.length } : {}), xmpUuid(), mdat);
}

/** An EBML element: ID bytes, a size field (`sizeLength` bytes, or `unknown` size), the data. */
export function ebml(id: number[], data: Uint8Array[] | Uint8Array, options: { sizeLength?: number; unknown?: boolean } = {}): Uint8Array {
  const body = data instanceof Uint8Array ? data : concat(...data);
  const length = options.sizeLength ?? (body.length < 127 ? 1 : 8);
  const size = new Uint8Array(length);
  if (options.unknown) {
    size.fill(0xff);
    size[0] = (1 << (8 - length)) | ((1 << (8 - length)) - 1);
  } else {
    let value = body.length;
    for (let i = length - 1; i >= 0; i--) {
      size[i] = value & 0xff;
      value = Math.floor(value / 256);
    }
    size[0]! |= 1 << (8 - length);
  }
  return concat(Uint8Array.from(id), size, body);
}

const ebmlUint = (id: number[], value: number) => ebml(id, Uint8Array.of(value));
const ebmlText = (id: number[], text: string) => ebml(id, utf8(text));

export const WEBM_MUXER = 'SecretMux';
export const WEBM_WRITER = 'GPS-Leaker Phone';
/** Matroska's DateUTC: nanoseconds since 2001-01-01, as a signed 64-bit integer. */
const DATE_UTC = Uint8Array.from(Buffer.from('0a8f2c5d3e000000', 'hex'));

export const webmInfo = (options: { emptyMuxer?: boolean } = {}) =>
  ebml([0x15, 0x49, 0xa9, 0x66], [
    ebml([0x2a, 0xd7, 0xb1], u32(1_000_000)),
    ebmlText([0x4d, 0x80], options.emptyMuxer ? '' : WEBM_MUXER),
    ebmlText([0x57, 0x41], WEBM_WRITER),
    ebml([0x44, 0x61], DATE_UTC),
    ebml([0x44, 0x89], Uint8Array.from(Buffer.from('40a0000000000000', 'hex'))),
  ]);
export const webmTags = (sizeLength?: number) =>
  ebml(
    [0x12, 0x54, 0xc3, 0x67],
    [ebml([0x73, 0x73], [ebml([0x67, 0xc8], [ebmlText([0x45, 0xa3], 'LOCATION'), ebmlText([0x44, 0x87], GPS)]), ebml([0x67, 0xc8], [ebmlText([0x45, 0xa3], 'MAKE'), ebmlText([0x44, 0x87], DEVICE_MAKE)])])],
    sizeLength ? { sizeLength } : {},
  );
export const webmTracks = () =>
  ebml([0x16, 0x54, 0xae, 0x6b], [
    ebml([0xae], [ebmlUint([0xd7], 1), ebmlUint([0x73, 0xc5], 1), ebmlUint([0x83], 1), ebmlText([0x86], 'V_VP8'), ebml([0xe0], [ebmlUint([0xb0], 16), ebmlUint([0xba], 16)])]),
  ]);
export const webmCluster = (unknown = false) =>
  ebml([0x1f, 0x43, 0xb6, 0x75], [ebmlUint([0xe7], 0), ebml([0xa3], concat(Uint8Array.of(0x81, 0, 0, 0x80), MDAT_PAYLOAD))], unknown ? { unknown: true, sizeLength: 8 } : {});

/**
 * A WebM file: EBML header, then a Segment with Info (MuxingApp, WritingApp, DateUTC), Tracks,
 * a Cluster and Tags (position and device). `live` gives the Segment and the Cluster an unknown
 * size, as live recorders write them, and Tags an 8-byte size field.
 */
export function buildWebm(options: { live?: boolean; emptyMuxer?: boolean } = {}): Uint8Array {
  const header = ebml([0x1a, 0x45, 0xdf, 0xa3], [
    ebmlUint([0x42, 0x86], 1),
    ebmlUint([0x42, 0xf7], 1),
    ebmlUint([0x42, 0xf2], 4),
    ebmlUint([0x42, 0xf3], 8),
    ebmlText([0x42, 0x82], 'webm'),
    ebmlUint([0x42, 0x87], 2),
    ebmlUint([0x42, 0x85], 2),
  ]);
  const children = [webmInfo(options), webmTracks(), webmCluster(options.live), webmTags(options.live ? 8 : undefined)];
  return concat(header, ebml([0x18, 0x53, 0x80, 0x67], children, options.live ? { unknown: true, sizeLength: 8 } : { sizeLength: 8 }));
}
