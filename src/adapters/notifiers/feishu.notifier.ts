// Feishu / Lark custom bot with signature verification: the body carries
// timestamp (unix seconds, as a string) and sign = base64 of HMAC-SHA256
// keyed with "<timestamp>\n<secret>" over empty data; a text message.
import { createHmac } from 'node:crypto';
import type { AlertMessage, NotifierSender, NotifierTarget } from '../../app/notifier.port.ts';
import { postJson, robotRefusal, type PostOptions } from './post.ts';

export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update(Buffer.alloc(0)).digest('base64');
}

export function feishuBody(m: AlertMessage, secret: string, timestampSeconds: number): string {
  return JSON.stringify({
    timestamp: String(timestampSeconds), sign: feishuSign(secret, timestampSeconds), msg_type: 'text', content: { text: m.text },
  });
}

export class FeishuNotifier implements NotifierSender {
  constructor(private readonly opts: PostOptions, private readonly nowMs: () => number = Date.now) {}

  async send(target: NotifierTarget, m: AlertMessage): Promise<void> {
    const body = feishuBody(m, target.secret ?? '', Math.floor(this.nowMs() / 1000));
    const refusal = robotRefusal(await postJson(target.url!, body, {}, this.opts));
    if (refusal !== null) throw new Error(refusal);
  }
}
