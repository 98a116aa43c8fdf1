import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults for a fresh machine', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('./data');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.seedDemo).toBe(true);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every invalid variable in one clear error', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SEED_DEMO: 'maybe' })).toThrowError(ConfigError);
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SEED_DEMO: 'maybe' });
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('SEED_DEMO');
    }
  });

  it('uses Secure cookies when the public URL is https and trims its trailing slash', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://medired.example/' });
    expect(config.publicUrl).toBe('https://medired.example');
    expect(config.secureCookies).toBe(true);
  });

  it('puts Redis keys under medired: unless REDIS_PREFIX names another prefix, which must end with a colon', () => {
    expect(loadConfig({}).redisPrefix).toBe('medired:');
    expect(loadConfig({ REDIS_PREFIX: 'clinic-2:' }).redisPrefix).toBe('clinic-2:');
    for (const bad of ['nocolon', 'has space:', ':', `${'x'.repeat(64)}:`]) {
      expect(() => loadConfig({ REDIS_PREFIX: bad }), bad).toThrowError(/REDIS_PREFIX/);
    }
  });

  it('turns e-mail on with an smtp:// or smtps:// SMTP_URL, sending from no-reply at the public host unless MAIL_FROM says otherwise', () => {
    const off = loadConfig({ PUBLIC_URL: 'https://salud.example' });
    expect(off.smtpUrl).toBeUndefined();
    expect(off.mailFrom).toBe('Medired <no-reply@salud.example>');
    const on = loadConfig({ SMTP_URL: 'smtps://user:pass@mail.example:465', MAIL_FROM: 'Clínica <avisos@clinica.example>' });
    expect(on.smtpUrl).toBe('smtps://user:pass@mail.example:465');
    expect(on.mailFrom).toBe('Clínica <avisos@clinica.example>');
    for (const bad of ['http://mail.example', 'smtp://', 'mail.example:25']) {
      expect(() => loadConfig({ SMTP_URL: bad }), bad).toThrowError(/SMTP_URL/);
    }
    expect(() => loadConfig({ MAIL_FROM: 'no address' })).toThrowError(/MAIL_FROM/);
    expect(() => loadConfig({ MAIL_FROM: 'a@b.example\r\nBcc: x@y.example' })).toThrowError(/MAIL_FROM/);
  });

  it('keeps files in the data folder unless all of S3_ENDPOINT, S3_BUCKET and the keys are set, and names what is missing', () => {
    expect(loadConfig({}).storage).toEqual({ adapter: 'disk' });
    const s3 = loadConfig({ S3_ENDPOINT: 'https://s3.eu-west-1.amazonaws.com/', S3_BUCKET: 'medired-media', S3_ACCESS_KEY_ID: 'AKIA', S3_SECRET_ACCESS_KEY: 'secret', S3_PUBLIC_URL: 'https://cdn.example/' });
    expect(s3.storage).toEqual({ adapter: 's3', endpoint: 'https://s3.eu-west-1.amazonaws.com', bucket: 'medired-media', region: 'us-east-1', accessKeyId: 'AKIA', secretAccessKey: 'secret', publicUrl: 'https://cdn.example' });
    expect(() => loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'medired' })).toThrowError(/S3_ACCESS_KEY_ID: required[\s\S]*S3_SECRET_ACCESS_KEY: required/);
    expect(() => loadConfig({ S3_PUBLIC_URL: 'https://cdn.example' })).toThrowError(/S3_PUBLIC_URL/);
    expect(() => loadConfig({ S3_BUCKET: 'Not_A_Bucket', S3_ENDPOINT: 'http://x', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b' })).toThrowError(/S3_BUCKET/);
  });

  it('reads the media limits, in megabytes and seconds', () => {
    expect(loadConfig({}).media).toEqual({ imageMaxBytes: 10 * 1024 * 1024, videoMaxBytes: 40 * 1024 * 1024, videoMaxSeconds: 600, documentMaxBytes: 10 * 1024 * 1024 });
    expect(loadConfig({ MEDIA_VIDEO_MAX_MB: '99', MEDIA_VIDEO_MAX_SECONDS: '120' }).media).toMatchObject({ videoMaxBytes: 99 * 1024 * 1024, videoMaxSeconds: 120 });
    for (const [name, value] of [['MEDIA_IMAGE_MAX_MB', '0'], ['MEDIA_VIDEO_MAX_SECONDS', '1.5'], ['MEDIA_VIDEO_MAX_MB', 'mucho']] as const) {
      expect(() => loadConfig({ [name]: value }), name).toThrowError(new RegExp(name));
    }
  });
});
