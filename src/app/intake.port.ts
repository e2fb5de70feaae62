// Channel order documents on their way in: received, verified, made durable
// as they came (raw bytes), then mapped and applied by the orders role.

export const intakeSources = ['webhook', 'storefront', 'import', 'replay'] as const;
export type IntakeSource = (typeof intakeSources)[number];

export interface IntakeDocument {
  readonly tenant: string;
  readonly channel: string;
  /** The platform's delivery id (X-Shopify-Webhook-Id, X-WC-Webhook-Delivery-ID, Pallet-Delivery-Id …). */
  readonly deliveryId: string;
  readonly receivedAtMs: number;
  readonly source: IntakeSource;
  /** The platform's topic where it sends one (orders/create, orders/updated …). */
  readonly topic: string;
  /** Who sent it: an API key id, or the channel (a signed delivery). */
  readonly actor: string;
  /** The document exactly as received. */
  readonly body: Uint8Array;
}

export interface IntakeLog {
  /** Durable once this resolves; `duplicate` when the same delivery was appended before (within the dedupe window). */
  append(doc: IntakeDocument, timeoutMs: number): Promise<{ duplicate: boolean; sequence: number }>;
}
