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
}

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
});

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
  });
}
