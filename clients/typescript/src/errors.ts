// PalletError: every failure of a client call. An answer of the API that is
// not a success carries its application/problem+json body (RFC 9457): a
// stable `code`, a `detail` naming the field and the reason, `field`, the
// HTTP `status` and the `requestId` of the exchange. A call that got no
// answer has status 0 and a client code (CLIENT_TIMEOUT, CLIENT_NETWORK).

/** One bad field of a validation problem. */
export interface ProblemFieldError {
  readonly field: string;
  readonly reason: string;
}

/** The problem+json body as the API sends it; extra members (e.g. `lines` of STOCK_INSUFFICIENT) are kept. */
export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly field?: string;
  readonly errors?: readonly ProblemFieldError[];
  readonly requestId?: string;
  readonly [extra: string]: unknown;
}

/** Codes of failures that happened in the client, not in the API. */
export type ClientErrorCode = 'CLIENT_TIMEOUT' | 'CLIENT_NETWORK' | 'CLIENT_ABORTED' | 'UNEXPECTED_RESPONSE';

export interface PalletErrorInit {
  readonly problem: Problem;
  /** The Idempotency-Key the request carried: retry with it to get the same answer without a second effect. */
  readonly idempotencyKey?: string | undefined;
  /** Seconds the API asked to wait before a retry (Retry-After on 503 and 429). */
  readonly retryAfterSeconds?: number | undefined;
  readonly cause?: unknown;
}

export class PalletError extends Error {
  override readonly name = 'PalletError';
  /** The problem body (for client failures, one built by the client with the same members). */
  readonly problem: Problem;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  /** The field the problem names, e.g. `body.lines[0].qty` (for validation problems, the first of `errors`). */
  readonly field: string | undefined;
  readonly requestId: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(init: PalletErrorInit) {
    const p = init.problem;
    super(`${p.status === 0 ? 'request failed' : `HTTP ${p.status}`} ${p.code}: ${p.detail}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.problem = p;
    this.status = p.status;
    this.code = p.code;
    this.detail = p.detail;
    this.field = p.field ?? p.errors?.[0]?.field;
    this.requestId = p.requestId;
    this.idempotencyKey = init.idempotencyKey;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** Whether repeating the same call (with the same Idempotency-Key) may succeed: no answer, 503, 429, 408. */
  get retryable(): boolean {
    return this.status === 0 ? this.code !== 'CLIENT_ABORTED' : [408, 429, 503].includes(this.status);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The problem of an answer that is not a success; a body that is not a problem still gives a PalletError. */
export function problemOf(status: number, body: unknown, requestIdHeader: string | null): Problem {
  if (isRecord(body)) {
    const { code, detail, requestId: bodyRequestId } = body;
    const requestId = typeof bodyRequestId === 'string' ? bodyRequestId : requestIdHeader ?? undefined;
    if (typeof code === 'string' && typeof detail === 'string') {
      return { ...body, status, code, detail, ...(requestId === undefined ? {} : { requestId }) };
    }
  }
  return {
    status, code: 'UNEXPECTED_RESPONSE', detail: `HTTP ${status} without the expected JSON body`,
    ...(requestIdHeader === null ? {} : { requestId: requestIdHeader }),
  };
}

/** A failure before any answer: timeout, abort, network. */
export function clientProblem(code: ClientErrorCode, detail: string): Problem {
  return { status: 0, code, detail };
}
