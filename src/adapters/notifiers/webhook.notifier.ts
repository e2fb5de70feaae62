// Generic webhook: POST JSON, signed like every Pallet webhook:
// `Pallet-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with
// the notifier's secret; `Pallet-Alert-Id` lets the receiver drop a repeat.
import { signPayload } from '../../app/payment.signature.ts';
import type { AlertMessage, NotifierSender, NotifierTarget } from '../../app/notifier.port.ts';
import { postJson, type PostOptions } from './post.ts';

export function webhookBody(m: AlertMessage): string {
  return JSON.stringify({
    type: 'sla.alert', alertId: m.alertId, tenant: m.tenant, orderId: m.orderId, stage: m.stage, level: m.level,
    dueAt: new Date(m.dueAtMs).toISOString(), title: m.title, text: m.text,
  });
}

export class WebhookNotifier implements NotifierSender {
  constructor(private readonly opts: PostOptions, private readonly nowMs: () => number = Date.now) {}

  async send(target: NotifierTarget, m: AlertMessage): Promise<void> {
    const body = webhookBody(m);
    const t = Math.floor(this.nowMs() / 1000);
    const signature = `t=${t},v1=${signPayload(target.secret ?? '', t, Buffer.from(body, 'utf8'))}`;
    await postJson(target.url!, body, { 'pallet-signature': signature, 'pallet-alert-id': m.alertId }, this.opts);
  }
}
