import { z } from 'zod';

/** Validated, frozen configuration. Read once at start-up; nothing else reads `process.env`. */
export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  /** Folder for the PGlite database (`<dataDir>/pgdata`) and uploaded files (`<dataDir>/media`). */
  readonly dataDir: string;
  /** PostgreSQL server URL; when absent the embedded PGlite database is used. */
  readonly databaseUrl: string | undefined;
  /** Redis URL for shared rate limits and caches across instances; in-process when absent. */
  readonly redisUrl: string | undefined;
  /** Put before every Redis key and channel, so several deployments (or test runs) can share a Redis. */
  readonly redisPrefix: string;
  readonly seedDemo: boolean;
  /** Public base URL without trailing slash, e.g. `https://medired.example`. */
  readonly publicUrl: string;
  readonly instanceName: string;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Whether cookies get the `Secure` flag (true when PUBLIC_URL is https). */
  readonly secureCookies: boolean;
  /** Idle time after which a web session expires. */
  readonly sessionIdleMinutes: number;
  /** Multiplier for every rate limit; tests and benchmarks raise it. 0 disables limits. */
  readonly rateLimitFactor: number;
  /**
   * Keys that seal private messages (`MESSAGE_KEYS`, `id:base64` separated by commas; the first
   * seals, all open). Undefined means the embedded default: a key file in the data folder,
   * which only works without DATABASE_URL (see src/messages/message-keys.ts).
   */
  readonly messageKeys: readonly MessageKey[] | undefined;
  /** `smtp://` or `smtps://` URL of the mail server (credentials in it); e-mail is off when absent. */
  readonly smtpUrl: string | undefined;
  /** The From header of every e-mail, e.g. `Medired <no-reply@medired.example>`. */
  readonly mailFrom: string;
  /**
   * The default cost of promoted posts, in credits per thousand impressions (`PROMOTION_CPM`);
   * a moderator may set another for one promotion when approving it (src/promotions/).
   */
  readonly promotionCpm: number;
  /** Upload limits per kind of file (MEDIA_*), announced in `/api/v1/instance` and `/api/v2/instance`. */
  readonly media: MediaLimits;
  /** Where uploaded files live: the data folder (default) or an S3-compatible bucket (S3_*). */
  readonly storage: StorageConfig;
}

export interface MediaLimits {
  readonly imageMaxBytes: number;
  readonly videoMaxBytes: number;
  /** The longest video accepted, read from its container. */
  readonly videoMaxSeconds: number;
  /** PDF documents (private messages only). */
  readonly documentMaxBytes: number;
}

export type StorageConfig =
  | { readonly adapter: 'disk' }
  | {
      readonly adapter: 's3';
      /** `https://s3.eu-west-1.amazonaws.com`, `http://127.0.0.1:9000`…; buckets are addressed path-style. */
      readonly endpoint: string;
      readonly bucket: string;
      readonly region: string;
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
      /**
       * Public base address of the bucket's `media/` prefix readable without credentials (a CDN or
       * the bucket's own address); absent: the app serves public media itself from the bucket.
       */
      readonly publicUrl: string | undefined;
    };

/** A key that seals private messages: 32 bytes, named so sealed values say which key opens them. */
export interface MessageKey {
  readonly id: string;
  readonly key: Buffer;
}

/** Parses `id:base64[,id:base64...]`; null when malformed. */
export function parseMessageKeys(text: string): MessageKey[] | null {
  const keys: MessageKey[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=_-]+)$/.exec(part);
    if (!m) return null;
    const key = Buffer.from(m[2]!, 'base64');
    if (key.length !== 32 || keys.some((k) => k.id === m[1])) return null;
    keys.push({ id: m[1]!, key });
  }
  return keys.length ? keys : null;
}

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,62}:$/, 'must be letters, digits, . _ - or : (at most 64), ending with a colon')
    .default('medired:'),
  SEED_DEMO: booleanString.default(true),
  PUBLIC_URL: z.url({ message: 'must be an absolute http(s) URL' }).optional(),
  INSTANCE_NAME: z.string().min(1).max(60).default('Medired'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(60 * 24 * 90).default(60 * 24 * 14),
  RATE_LIMIT_FACTOR: z.coerce.number().min(0).max(1000).default(1),
  MESSAGE_KEYS: z
    .string()
    .refine((v) => parseMessageKeys(v) !== null, 'must be id:base64 pairs separated by commas, each key 32 bytes (npm run messages:new-key prints one), ids unique')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/\s]+/, 'must start with smtp:// or smtps:// and name a host')
    .optional(),
  MAIL_FROM: z
    .string()
    .max(200)
    .regex(/^[^\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/, 'must be an address, e.g. "Medired <no-reply@example.org>"')
    .optional(),
  PROMOTION_CPM: z.coerce.number({ message: 'must be a whole number of credits' }).int('must be a whole number of credits').min(1).max(100_000).default(5),
  MEDIA_IMAGE_MAX_MB: z.coerce.number({ message: 'must be a number' }).positive().max(100).default(10),
  MEDIA_VIDEO_MAX_MB: z.coerce.number({ message: 'must be a number' }).positive().max(500).default(40),
  MEDIA_VIDEO_MAX_SECONDS: z.coerce.number({ message: 'must be a number' }).int().positive().max(6 * 3600).default(600),
  MEDIA_DOCUMENT_MAX_MB: z.coerce.number({ message: 'must be a number' }).positive().max(100).default(10),
  S3_ENDPOINT: z.url({ message: 'must be an absolute http(s) URL' }).regex(/^https?:\/\//, 'must use http or https').optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name (3-63 lower-case letters, digits, dots and hyphens)')
    .optional(),
  S3_REGION: z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be a region name such as eu-west-1').default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).max(200).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).max(200).optional(),
  S3_PUBLIC_URL: z.url({ message: 'must be an absolute http(s) URL' }).regex(/^https?:\/\//, 'must use http or https').optional(),
});

const MB = 1024 * 1024;

function storageConfig(e: z.infer<typeof envSchema>): StorageConfig {
  const s3 = { S3_ENDPOINT: e.S3_ENDPOINT, S3_BUCKET: e.S3_BUCKET, S3_ACCESS_KEY_ID: e.S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: e.S3_SECRET_ACCESS_KEY };
  const given = Object.entries(s3).filter(([, v]) => v !== undefined);
  if (given.length === 0) {
    if (e.S3_PUBLIC_URL) throw new ConfigError('Invalid configuration:\n  S3_PUBLIC_URL: needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
    return { adapter: 'disk' };
  }
  const missing = Object.entries(s3).filter(([, v]) => v === undefined).map(([k]) => `${k}: required when another S3_ variable is set`);
  if (missing.length) throw new ConfigError(`Invalid configuration:\n  ${missing.join('\n  ')}`);
  return {
    adapter: 's3',
    endpoint: e.S3_ENDPOINT!.replace(/\/+$/, ''),
    bucket: e.S3_BUCKET!,
    region: e.S3_REGION,
    accessKeyId: e.S3_ACCESS_KEY_ID!,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
    publicUrl: e.S3_PUBLIC_URL?.replace(/\/+$/, ''),
  };
}

/** Thrown when the environment is invalid; the message names each offending variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates configuration from an environment map (normally `process.env`). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(publicUrl)) throw new ConfigError('Invalid configuration:\n  PUBLIC_URL: must use http or https');
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    seedDemo: e.SEED_DEMO,
    publicUrl,
    instanceName: e.INSTANCE_NAME,
    logLevel: e.LOG_LEVEL,
    secureCookies: publicUrl.startsWith('https://'),
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    rateLimitFactor: e.RATE_LIMIT_FACTOR,
    messageKeys: e.MESSAGE_KEYS ? Object.freeze(parseMessageKeys(e.MESSAGE_KEYS)!) : undefined,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? `Medired <no-reply@${new URL(publicUrl).hostname}>`,
    promotionCpm: e.PROMOTION_CPM,
    media: Object.freeze({
      imageMaxBytes: Math.round(e.MEDIA_IMAGE_MAX_MB * MB),
      videoMaxBytes: Math.round(e.MEDIA_VIDEO_MAX_MB * MB),
      videoMaxSeconds: e.MEDIA_VIDEO_MAX_SECONDS,
      documentMaxBytes: Math.round(e.MEDIA_DOCUMENT_MAX_MB * MB),
    }),
    storage: Object.freeze(storageConfig(e)),
  });
}
