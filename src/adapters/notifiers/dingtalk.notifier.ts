// DingTalk (钉钉) custom robot with the "signed" security setting: the URL
// (…/robot/send?access_token=…) gets `&timestamp=<ms>&sign=<sign>`, where sign
// is the URL-encoded base64 HMAC-SHA256 of "<timestamp>\n<secret>" keyed with
// the secret. DingTalk refuses a timestamp more than an hour off.
import { createHmac } from 'node:crypto';
import type { AlertMessage, NotifierSender, NotifierTarget } from '../../app/notifier.port.ts';
import { postJson, robotRefusal, type PostOptions } from './post.ts';

export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

export function dingtalkUrl(url: string, secret: string, timestampMs: number): string {
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}timestamp=${timestampMs}&sign=${encodeURIComponent(dingtalkSign(secret, timestampMs))}`;
}

export function dingtalkBody(m: AlertMessage): string {
  return JSON.stringify({ msgtype: 'markdown', markdown: { title: m.title, text: m.markdown } });
}

export class DingtalkNotifier implements NotifierSender {
  constructor(private readonly opts: PostOptions, private readonly nowMs: () => number = Date.now) {}

  async send(target: NotifierTarget, m: AlertMessage): Promise<void> {
    const url = dingtalkUrl(target.url!, target.secret ?? '', this.nowMs());
    const refusal = robotRefusal(await postJson(url, dingtalkBody(m), {}, this.opts));
    if (refusal !== null) throw new Error(refusal);
  }
}
