// Everything the HTTP adapter needs, built by the composition root.
import type { FastifyBaseLogger } from 'fastify';
import type { AuthService } from '../../app/auth.service.ts';
import type { CatalogService } from '../../app/catalog.service.ts';
import type { ReservationService } from '../../app/reservation.service.ts';
import type { StockService } from '../../app/stock.service.ts';
import type { Config } from '../../config.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { DashboardTokens } from '../../app/dashboard.token.ts';
import type { PaymentService } from '../../app/payment.service.ts';
import type { LedgerService } from '../../app/ledger.service.ts';
import type { ChannelService } from '../../app/channel.service.ts';
import type { IntakeService } from '../../app/intake.service.ts';
import type { OrderService } from '../../app/order.service.ts';
import type { OrderAddressService } from '../../app/order.address.service.ts';
import type { ImportService } from '../../app/import.service.ts';
import type { OrderFulfilmentService } from '../../app/order.fulfilment.service.ts';
import type { SlaService } from '../../app/sla.service.ts';
import type { PickTaskService } from '../../app/pick-task.service.ts';
import type { LabelService } from '../../app/label.service.ts';
import type { WritebackService } from '../../app/writeback.service.ts';
import type { QimenInboundService } from '../../app/qimen.inbound.service.ts';
import type { QimenOutboundService } from '../../app/qimen.outbound.service.ts';
import type { QimenHeldChangeService } from '../../app/qimen.held.service.ts';
import type { Schemas } from './schemas.ts';

export interface HttpDeps {
  readonly config: Config;
  readonly logger: FastifyBaseLogger | false;
  readonly auth: AuthService;
  readonly catalogs: CatalogService;
  readonly reservations: ReservationService;
  readonly stock: StockService;
  /** Whether each backing service answers. */
  readonly ready: () => Promise<Record<string, boolean>>;
  readonly metrics: Metrics;
  readonly payments: PaymentService;
  readonly ledger: LedgerService;
  readonly dashboardTokens: DashboardTokens;
  /** The port the board's WebSocket listens on (the real one when PALLET_WS_PORT is 0 and the ws role runs here). */
  readonly wsPort: () => number;
  /** The order pool (issue 11). */
  readonly channels: ChannelService;
  readonly intake: IntakeService;
  readonly orders: OrderService;
  /** Shipping address changes, order tokens and amendments. */
  readonly orderAddresses: OrderAddressService;
  /** Batch import of orders from CSV/XLSX files. */
  readonly imports: ImportService;
  /** Pick tasks and the warehouses' WMS connections (issue 12). */
  readonly pickTasks: PickTaskService;
  /** SLA stage deadlines, notifiers and alerts (issue 12). */
  readonly sla: SlaService;
  /** Warehouse (WMS) callbacks, amendment acknowledgements and shipments (issue 12). */
  readonly fulfilment: OrderFulfilmentService;
  /** Shipping labels as PDF (issue 12). */
  readonly labels: LabelService;
  /** Channel write-back: per-channel platform endpoints and the shipments pushed to them (issue 12). */
  readonly writebacks: WritebackService;
  /** The QiMen router of QiMen-mode warehouses (issue 14); absent: POST …/qimen answers a failure document. */
  readonly qimen?: QimenInboundService;
  /** inventory.query and entryorder.create of QiMen-mode warehouses (issue 14); absent: those routes answer 409 WMS_NOT_QIMEN. */
  readonly qimenOps?: QimenOutboundService;
  /** The approval queue of held QiMen stock changes (issue 14); absent: those routes answer 409 WMS_NOT_QIMEN. */
  readonly qimenHeld?: QimenHeldChangeService;
}

export interface RouteDeps extends HttpDeps {
  readonly schemas: Schemas;
}
