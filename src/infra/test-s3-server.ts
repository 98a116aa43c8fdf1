/**
 * Test helper: a real S3-compatible server (npm `s3rver`) on a loopback port, in this process,
 * with one empty bucket in a temporary folder. It speaks S3's REST API over HTTP (PUT, GET with
 * Range, HEAD, DELETE, ListObjectsV2) and checks the access key; it does not verify signatures,
 * which `storage.contract.test.ts` checks against AWS's published example instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AwsClient } from 'aws4fetch';
import S3rver from 's3rver';

export interface TestS3Server {
  options: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string };
  /** The S3_* variables that point the app at this server. */
  env: Record<string, string>;
  /** Every key in the bucket. */
  listKeys(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startS3Server(): Promise<TestS3Server> {
  const directory = mkdtempSync(path.join(tmpdir(), 'medired-s3-'));
  const bucket = `medired-${Math.random().toString(36).slice(2, 8)}`;
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  // s3rver's built-in account.
  const options = { endpoint: `http://127.0.0.1:${port}`, bucket, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const client = new AwsClient({ accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey, region: options.region, service: 's3' });
  return {
    options,
    env: { S3_ENDPOINT: options.endpoint, S3_BUCKET: bucket, S3_REGION: options.region, S3_ACCESS_KEY_ID: options.accessKeyId, S3_SECRET_ACCESS_KEY: options.secretAccessKey },
    async listKeys() {
      const res = await client.fetch(`${options.endpoint}/${bucket}?list-type=2&max-keys=1000`);
      const xml = await res.text();
      return [...xml.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]!);
    },
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
