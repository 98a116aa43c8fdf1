import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { findAccountById, findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../accounts/accounts.serializer.js';
import { labelOf, SPECIALTIES } from '../accounts/specialties.js';
import type { Config } from '../config.js';
import { notFound } from '../errors.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { VERIFICATION_REQUEST_RATE_LIMITS } from './verification-limits.js';
import { idParams } from '../http/schemas.js';
import { approvalInput, decisionReasonInput, verificationRequestInput } from './verification.js';
import { readVerificationDocument } from './verification-documents.js';
import {
  createVerificationRequest,
  decideVerificationRequest,
  getVerificationRequest,
  listOwnVerificationRequests,
  resubmitVerificationRequest,
  revokeVerification,
  verificationQueue,
  type VerificationRequestRow,
} from './verification.service.js';

const tags = ['verification'];

/** The API entity of a verification request; staff also get the applicant and the document link. */
export function toVerificationRequestEntity(row: VerificationRequestRow, config: Config, staff?: { account: MastodonAccount | null }) {
  return {
    id: row.id,
    status: row.status,
    license_number: row.license_number,
    issuing_body: row.issuing_body,
    country: row.country,
    specialty: row.specialty,
    specialty_label: { es: labelOf(SPECIALTIES, row.specialty, 'es'), en: labelOf(SPECIALTIES, row.specialty, 'en') },
    note: row.note,
    has_document: row.document_path !== null,
    decision_reason: row.decision_reason,
    decided_at: row.decided_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    ...(staff
      ? {
          account: staff.account,
          document_url: row.document_path ? `${config.publicUrl}/api/v1/medired/admin/verification_requests/${row.id}/document` : null,
          document_type: row.document_mime,
          document_size: row.document_size,
        }
      : {}),
  };
}

const create = defineRoute({
  method: 'post',
  path: '/api/v1/medired/verification_requests',
  summary: 'Request verification as a professional or organisation (licence, issuing body, country, specialty, optional document)',
  description: 'Send multipart form data to attach a supporting document (PDF, JPEG, PNG or WebP, at most 10 MB). Patients cannot request verification.',
  tags,
  auth: 'user',
  scope: 'write:accounts',
  body: verificationRequestInput,
  errors: ['forbidden', 'conflict', 'payload_too_large', 'unsupported_media_type'],
  rateLimits: VERIFICATION_REQUEST_RATE_LIMITS,
  handler: async ({ app, viewer, body }) => toVerificationRequestEntity(await createVerificationRequest(app, viewer!.accountId, body), app.config),
});

const mine = defineRoute({
  method: 'get',
  path: '/api/v1/medired/verification_requests',
  summary: 'Your verification requests, newest first, with the moderators\' decisions and reasons',
  tags,
  auth: 'user',
  scope: 'read:accounts',
  handler: async ({ app, viewer }) => (await listOwnVerificationRequests(app.db, viewer!.accountId)).map((r) => toVerificationRequestEntity(r, app.config)),
});

const resubmit = defineRoute({
  method: 'put',
  path: '/api/v1/medired/verification_requests/:id{[0-9]+}',
  summary: 'Update a request that asks for more information and send it back to the queue',
  tags,
  auth: 'user',
  scope: 'write:accounts',
  params: idParams,
  body: verificationRequestInput,
  errors: ['not_found', 'conflict', 'forbidden', 'payload_too_large', 'unsupported_media_type'],
  handler: async ({ app, viewer, params, body }) =>
    toVerificationRequestEntity(await resubmitVerificationRequest(app, viewer!.accountId, params.id, body), app.config),
});

async function staffEntities(app: AppContext, rows: VerificationRequestRow[]) {
  const accounts = new Map((await findAccountsByIds(app.db, rows.map((r) => r.account_id))).map((a) => [a.id, toMastodonAccount(a, app.config)]));
  return rows.map((r) => toVerificationRequestEntity(r, app.config, { account: accounts.get(r.account_id) ?? null }));
}

const queue = defineRoute({
  method: 'get',
  path: '/api/v1/medired/admin/verification_requests',
  summary: 'The verification queue (moderators): by status, newest first, with Link pagination',
  tags,
  auth: 'moderator',
  scope: 'admin:read:accounts',
  query: pageQuery(20, 80).extend({ status: z.enum(['open', 'pending', 'needs_info', 'approved', 'rejected', 'revoked']).default('pending') }),
  handler: async ({ app, query, c }) => {
    const rows = await verificationQueue(app.db, { status: query.status, maxId: query.max_id, minId: query.min_id ?? query.since_id, limit: query.limit });
    const link = linkHeader(c.req.url, rows.map((r) => r.id));
    if (link) c.header('Link', link);
    return staffEntities(app, rows);
  },
});

const getOne = defineRoute({
  method: 'get',
  path: '/api/v1/medired/admin/verification_requests/:id{[0-9]+}',
  summary: 'One verification request with its applicant (moderators)',
  tags,
  auth: 'moderator',
  scope: 'admin:read:accounts',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, params }) => (await staffEntities(app, [await getVerificationRequest(app.db, params.id)]))[0],
});

const documentRoute = defineRoute({
  method: 'get',
  path: '/api/v1/medired/admin/verification_requests/:id{[0-9]+}/document',
  summary: 'The supporting document of a request (moderators only; never public)',
  tags,
  auth: 'moderator',
  scope: 'admin:read:accounts',
  params: idParams,
  errors: ['not_found'],
  responseDescription: 'The document (PDF or image)',
  handler: async ({ app, params }) => {
    const row = await getVerificationRequest(app.db, params.id);
    if (!row.document_path || !row.document_mime) throw notFound('Document');
    const data = await readVerificationDocument(app, row.document_path).catch(() => {
      throw notFound('Document');
    });
    return new Response(new Uint8Array(data), {
      headers: {
        'Content-Type': row.document_mime,
        'Content-Disposition': `inline; filename="verification-${row.id}.${row.document_mime.split('/')[1]}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; img-src 'self'; object-src 'self'; sandbox",
      },
    });
  },
});

function decisionRoute(decision: 'approve' | 'reject' | 'request_info') {
  return defineRoute({
    method: 'post',
    path: `/api/v1/medired/admin/verification_requests/:id{[0-9]+}/${decision}`,
    summary:
      decision === 'approve'
        ? 'Approve a request: the account becomes verified with its specialty'
        : decision === 'reject'
          ? 'Reject a request with a reason the applicant sees'
          : 'Ask the applicant for more information (the request waits for their update)',
    tags,
    auth: 'moderator',
    scope: 'admin:write:accounts',
    params: idParams,
    body: decision === 'approve' ? approvalInput : decisionReasonInput,
    errors: ['not_found', 'conflict'],
    handler: async ({ app, viewer, params, body }) => {
      const row = await decideVerificationRequest(app.db, viewer!.accountId, params.id, decision, body as { reason: string; specialty?: string });
      return (await staffEntities(app, [row]))[0];
    },
  });
}

const revoke = defineRoute({
  method: 'post',
  path: '/api/v1/medired/admin/accounts/:id{[0-9]+}/revoke_verification',
  summary: 'Take the verified badge away from an account, with a reason',
  tags,
  auth: 'moderator',
  scope: 'admin:write:accounts',
  params: idParams,
  body: decisionReasonInput,
  errors: ['not_found', 'conflict'],
  handler: async ({ app, viewer, params, body }) => {
    await revokeVerification(app.db, viewer!.accountId, params.id, body.reason);
    const row = await findAccountById(app.db, params.id);
    if (!row) throw notFound('Account');
    return toMastodonAccount(row, app.config);
  },
});

export const verificationRoutes: AnyRoute[] = [
  create,
  mine,
  resubmit,
  queue,
  getOne,
  documentRoute,
  decisionRoute('approve'),
  decisionRoute('reject'),
  decisionRoute('request_info'),
  revoke,
];
