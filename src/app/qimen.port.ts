// Ports of the QiMen (奇门) side of fulfilment (issue 14): the XML codec
// (adapters/qimen/xml.ts), the durable record of what a WMS reported on its
// own and the approval queue of the stock changes held from those reports
// (adapters/postgres/qimen-report.repo.ts, migrations 012 and 014).
import type { QimenResult } from '../core/qimen.protocol.ts';

export interface XmlCodec {
  /**
   * The parsed tree of an XML document (core/qimen.documents.ts describes its shape). A DTD, an entity
   * declaration or any other `<!` construct but comments and CDATA is refused before parsing (XML_DTD_REFUSED);
   * malformed XML is XML_INVALID; a body above the codec's bound is BODY_TOO_LARGE.
   */
  parse(text: string): QimenResult<unknown>;
  /** A tree as an XML document, with its declaration; text is escaped, never interpreted. */
  build(tree: object): string;
}

export type QimenReportMethod = 'stockchange.report' | 'entryorder.confirm';

export interface QimenReportRecord {
  readonly warehouse: string;
  readonly method: QimenReportMethod;
  /** The WMS's business id of the report (outBizCode, or what stands for it). */
  readonly bizId: string;
  readonly status: 'applied' | 'held';
  readonly applied: readonly object[];
  /** Movements not applied: each becomes a held change (QimenHeldChangeStore), recorded with the report. */
  readonly held: readonly NewHeldChange[];
}

/** A movement of a report held for a person's decision instead of applied. */
export interface NewHeldChange {
  /** Its place in the report (0-based). */
  readonly itemIndex: number;
  readonly sku: string;
  /** Signed units of on-hand (a loss is negative). */
  readonly delta: number;
  /** The ledger reason the adjustment gets when approved. */
  readonly reason: string;
  /** The WMS's own id of the movement (outBizCode, else orderCode). */
  readonly wmsReportId: string | null;
  /** Why it was held. */
  readonly why: string;
}

export interface QimenReportStore {
  /** Whether this (warehouse, method, bizId) was recorded before. */
  seen(tenant: string, warehouse: string, method: QimenReportMethod, bizId: string): Promise<boolean>;
  /** Records a report once; 'duplicate' when it was recorded meanwhile. */
  record(tenant: string, r: QimenReportRecord): Promise<'new' | 'duplicate'>;
}

export const heldChangeStates = ['held', 'approved', 'rejected'] as const;
export type HeldChangeState = (typeof heldChangeStates)[number];

export interface HeldStockChange {
  readonly id: string;
  readonly warehouse: string;
  readonly method: QimenReportMethod;
  readonly sku: string;
  readonly delta: number;
  readonly reason: string;
  readonly wmsReportId: string | null;
  readonly receivedAtMs: number;
  readonly state: HeldChangeState;
  readonly decidedAtMs: number | null;
  /** Who decided: `key:<api key id>`. */
  readonly decidedBy: string | null;
  readonly note: string | null;
}

export interface HeldChangePage {
  readonly changes: HeldStockChange[];
  /** Where the next page starts; null on the last page. */
  readonly nextCursor: string | null;
}

export interface HeldChangeDecision {
  readonly state: Exclude<HeldChangeState, 'held'>;
  readonly by: string;
  readonly note: string | null;
  readonly atMs: number;
}

export type HeldChangeDecided<E> =
  | { readonly kind: 'not_found' }
  /** The change's effect refused: nothing was decided. */
  | { readonly kind: 'refused'; readonly error: E }
  /** The change as it stands: decided by this call (`now`) or before it, in whichever state. */
  | { readonly kind: 'decided'; readonly change: HeldStockChange; readonly now: boolean };

export interface QimenHeldChangeStore {
  /** A warehouse's held changes newest first (of one state, when given); null when the cursor is not one this list returned. */
  heldChanges(tenant: string, warehouse: string, state: HeldChangeState | null, cursor: string | null, limit: number): Promise<HeldChangePage | null>;
  /**
   * Decides a held change once. In one transaction the change moves from held to the decision's state by a
   * conditional update (a concurrent decision waits for that row and then finds it decided); `effect` runs
   * before the commit, and an error it returns rolls the decision back (`refused`). A change decided before
   * is answered as it stands and `effect` does not run.
   */
  decide<E>(tenant: string, warehouse: string, id: string, d: HeldChangeDecision, effect: (c: HeldStockChange) => Promise<E | null>): Promise<HeldChangeDecided<E>>;
}
