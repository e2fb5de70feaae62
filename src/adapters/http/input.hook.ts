// Input rules every route gets, whatever its schema says (guardInput, once in
// buildApp, before any route is registered). They run after authentication
// (routes check access in onRequest), so an unauthenticated caller learns
// nothing about the input rules:
// - preParsing: a JSON body is `application/json` with no charset or charset
//   utf-8, anything else 415 (other media types have no parser: 415 too);
// - preValidation: no string or key anywhere in the body, query, params or
//   headers holds text a store cannot keep (core/text.rules.ts): 400 naming it;
// - preValidation: every array within its schema's maxItems before the
//   validator looks at its items (it runs with allErrors, so 21,000 bad items
//   in a 63 KB body would each be reported): 400 naming it and the bound;
// - at registration: every array in a request schema has maxItems.
// The routes seen are kept for tests that walk them all (routesOf).
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, RouteOptions } from 'fastify';
import { errorCodes } from 'fastify';
import { unstorableTextIn } from '../../core/text.rules.ts';
import { sendProblem } from './problem.ts';

/** A registered route, as the onRoute hook saw it. */
export interface RouteEntry {
  readonly methods: readonly string[];
  readonly url: string;
  readonly schema: FastifySchema | undefined;
}

const routeTables = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Every route registered on `app` after guardInput(app), in order. */
export function routesOf(app: FastifyInstance): readonly RouteEntry[] {
  return routeTables.get(app) ?? [];
}

/** The request parts a route schema can describe; problem fields start with these names. */
const requestParts = ['body', 'querystring', 'params', 'headers'] as const;

export function guardInput(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  routeTables.set(app, table);
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema;
    for (const part of requestParts) {
      const unbounded = unboundedArrays(schema?.[part], part);
      if (unbounded.length > 0) throw new Error(`route ${String(route.method)} ${route.url}: ${unbounded.join(', ')} must have maxItems`);
    }
    table.push({ methods: [route.method].flat().map(String), url: route.url, schema });
  });
  app.addHook('preParsing', (request, _reply, payload, done) => {
    const contentType = request.headers['content-type'];
    if (contentType !== undefined && request.method !== 'GET' && request.method !== 'HEAD' && !acceptableJson(contentType)) {
      done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE());
      return;
    }
    done(null, payload);
  });
  app.addHook('preValidation', (request, reply, done) => {
    if (checkInput(request, reply) === undefined) done();
    // else the problem is being sent; Fastify stops once the reply is sent.
  });
}

/**
 * Of the headers, only those the route's schema names are walked for
 * unstorable text (the rest are never stored): one or two values, not every header.
 */
const textParts = ['body', 'querystring', 'params'] as const;

function schemaHeaders(request: FastifyRequest, schema: FastifySchema | undefined): Record<string, unknown> | undefined {
  const headers = schema?.headers as { properties?: Record<string, unknown> } | undefined;
  if (headers?.properties === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(headers.properties)) out[name] = request.headers[name];
  return out;
}

function checkInput(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const parts = { body: request.body, querystring: request.query, params: request.params, headers: request.headers };
  // Bounds first: they stop at an oversized array, the text walk visits every node.
  const schema = request.routeOptions.schema;
  if (schema !== undefined) {
    for (const part of requestParts) {
      const over = arrayOverBound(schema[part], parts[part], part);
      if (over !== null) return refuse(reply, over.field, over.reason);
    }
  }
  for (const part of textParts) {
    const value = parts[part];
    if (Buffer.isBuffer(value)) continue; // a raw body (signed callbacks) is checked by its route once parsed
    const bad = unstorableTextIn(value);
    if (bad !== null) return refuse(reply, `${part}${bad.path}`, bad.reason);
  }
  const headers = schemaHeaders(request, schema);
  const bad = headers === undefined ? null : unstorableTextIn(headers);
  if (bad !== null) return refuse(reply, `headers${bad.path}`, bad.reason);
  return undefined;
}

function refuse(reply: FastifyReply, field: string, reason: string): FastifyReply {
  return sendProblem(reply, { code: 'VALIDATION_FAILED', detail: `${field} ${reason}`, field, errors: [{ field, reason }] });
}

const mediaTypeJson = 'application/json';

/** `application/json`, alone or with `charset=utf-8` (any case, quoted or not) and no other parameter. */
export function acceptableJson(contentType: string): boolean {
  const [mediaType = '', ...params] = contentType.split(';').map((s) => s.trim().toLowerCase());
  if (mediaType !== mediaTypeJson) return true; // not JSON: no parser takes it (415 from Fastify), or another route's business
  return params.every((p) => p === '' || /^charset=(?:utf-8|"utf-8")$/.test(p));
}

type Schema = Readonly<Record<string, unknown>>;
const isSchema = (s: unknown): s is Schema => typeof s === 'object' && s !== null && !Array.isArray(s);
const subschemas = (s: Schema, key: string): Schema[] => (Array.isArray(s[key]) ? (s[key] as unknown[]).filter(isSchema) : []);

/** Paths of array schemas without maxItems, anywhere in `schema` (properties, items, unions). */
export function unboundedArrays(schema: unknown, path: string): string[] {
  if (!isSchema(schema)) return [];
  const out: string[] = [];
  if (schema.type === 'array' && typeof schema.maxItems !== 'number') out.push(path);
  if (isSchema(schema.properties)) {
    for (const [key, sub] of Object.entries(schema.properties)) out.push(...unboundedArrays(sub, `${path}.${key}`));
  }
  if (isSchema(schema.items)) out.push(...unboundedArrays(schema.items, `${path}[]`));
  for (const sub of subschemas(schema, 'items')) out.push(...unboundedArrays(sub, `${path}[]`));
  for (const key of ['anyOf', 'oneOf', 'allOf']) for (const sub of subschemas(schema, key)) out.push(...unboundedArrays(sub, path));
  return out;
}

interface OverBound { readonly field: string; readonly reason: string }

/**
 * The first array in `value` longer than its schema's maxItems, following the
 * schema (properties, items, unions) into arrays that are within bounds only;
 * null when none is. Work is bounded by the schema's depth times its bounds.
 */
export function arrayOverBound(schema: unknown, value: unknown, field: string): OverBound | null {
  if (!isSchema(schema)) return null;
  for (const key of ['anyOf', 'oneOf']) {
    const branches = subschemas(schema, key);
    if (branches.length === 0) continue;
    // Refused only when every branch refuses: an array one branch bounds more loosely is not over bound.
    const overs = branches.map((b) => arrayOverBound(b, value, field));
    if (overs.every((o) => o !== null)) return overs[0]!;
  }
  for (const sub of subschemas(schema, 'allOf')) {
    const over = arrayOverBound(sub, value, field);
    if (over !== null) return over;
  }
  if (Array.isArray(value)) {
    const max = schema.maxItems;
    if (typeof max === 'number' && value.length > max) return { field, reason: `has ${value.length} items, at most ${max} allowed` };
    if (!isSchema(schema.items)) return null;
    for (let i = 0; i < value.length; i++) {
      const over = arrayOverBound(schema.items, value[i], `${field}[${i}]`);
      if (over !== null) return over;
    }
    return null;
  }
  if (value === null || typeof value !== 'object' || !isSchema(schema.properties)) return null;
  for (const [key, sub] of Object.entries(schema.properties)) {
    if (!Object.hasOwn(value, key)) continue;
    const over = arrayOverBound(sub, (value as Record<string, unknown>)[key], `${field}.${key}`);
    if (over !== null) return over;
  }
  return null;
}
