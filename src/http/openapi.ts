import { z } from 'zod';
import { httpStatusOf } from './errors.js';
import type { AnyRoute } from './route.js';
import type { ErrorCode } from '../errors.js';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  try {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
    delete json.$schema;
    return json;
  } catch {
    return {};
  }
}

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)(\{[^}]*\})?/g, '{$1}');
}

function parametersOf(route: AnyRoute): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
    if (!schema) continue;
    const json = toSchema(schema as z.ZodType);
    const props = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, prop] of Object.entries(props)) {
      // Objects in the query are sent Rails-style, `name[key]=value` (see `normalizeParams`).
      const deep = where === 'query' && prop.type === 'object' ? { style: 'deepObject', explode: true } : {};
      out.push({ name, in: where, required: where === 'path' || required.has(name), schema: prop, ...deep, ...(prop.description ? { description: prop.description } : {}) });
    }
  }
  return out;
}

const AUTH_ERRORS: Record<AnyRoute['auth'], ErrorCode[]> = {
  none: [],
  optional: [],
  user: ['unauthorized', 'forbidden'],
  'user-even-suspended': ['unauthorized'],
  moderator: ['unauthorized', 'forbidden'],
  admin: ['unauthorized', 'forbidden'],
};

/** Builds the OpenAPI 3.1 document from the routes declared in code. */
export function buildOpenApi(routes: AnyRoute[], info: { title: string; version: string; serverUrl: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    if (route.internal) continue;
    const path = openApiPath(route.path);
    const codes = new Set<ErrorCode>([...AUTH_ERRORS[route.auth], ...(route.errors ?? [])]);
    if (route.params || route.query || route.body) codes.add('validation_failed');
    if (route.rateLimits?.length) codes.add('rate_limited');
    const responses: Record<string, JsonSchema> = { '200': { description: route.responseDescription ?? 'Success' } };
    for (const code of codes) {
      const status = String(httpStatusOf[code]);
      const previous = responses[status]?.description as string | undefined;
      responses[status] = { description: previous ? `${previous}, ${code}` : code, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    const operation: JsonSchema = {
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      parameters: parametersOf(route),
      responses,
      ...(route.auth === 'none' || route.auth === 'optional' ? {} : { security: [{ bearer: route.scope ? route.scope.split('|') : [] }, { session: [] }] }),
      'x-medired-auth': route.auth,
    };
    if (route.body) {
      const schema = toSchema(route.body as z.ZodType);
      operation.requestBody = {
        content: { 'application/json': { schema }, 'application/x-www-form-urlencoded': { schema }, 'multipart/form-data': { schema } },
      };
    }
    paths[path] ??= {};
    paths[path][route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, description: 'Medired API: Mastodon-compatible client API plus health extensions under /api/v1/medired-* paths and `medired` fields.' },
    servers: [{ url: info.serverUrl }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'OAuth 2 access token from /oauth/token' },
        session: { type: 'apiKey', in: 'cookie', name: 'medired_session', description: 'Web session; writes need the X-CSRF-Token header' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error', 'code', 'key'],
          properties: {
            error: { type: 'string', description: 'Human-readable message in English (Mastodon field)' },
            code: { type: 'string', enum: Object.keys(httpStatusOf) },
            key: { type: 'string', description: 'Stable message key (e.g. accounts.username.taken, or errors.code.<code>) for clients that translate messages' },
            params: { type: 'object', additionalProperties: { type: ['string', 'number'] }, description: 'Values for the placeholders of the message key' },
            details: {
              type: 'array',
              items: {
                type: 'object',
                required: ['message', 'key'],
                properties: { field: { type: 'string' }, message: { type: 'string' }, key: { type: 'string' }, params: { type: 'object', additionalProperties: { type: ['string', 'number'] } } },
              },
            },
          },
        },
      },
    },
  };
}
