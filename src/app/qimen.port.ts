// Ports of the QiMen (奇门) side of fulfilment (issue 14): the XML codec
// (adapters/qimen/xml.ts) and the durable record of what a WMS reported on
// its own (adapters/postgres/qimen-report.repo.ts, migration 012).
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
  readonly held: readonly object[];
}

export interface QimenReportStore {
  /** Whether this (warehouse, method, bizId) was recorded before. */
  seen(tenant: string, warehouse: string, method: QimenReportMethod, bizId: string): Promise<boolean>;
  /** Records a report once; 'duplicate' when it was recorded meanwhile. */
  record(tenant: string, r: QimenReportRecord): Promise<'new' | 'duplicate'>;
}
