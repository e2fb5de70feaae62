// The sender of every notifier type.
import type { NotifierSender, NotifierType } from '../../app/notifier.port.ts';
import { DingtalkNotifier } from './dingtalk.notifier.ts';
import { EmailNotifier } from './email.notifier.ts';
import { FeishuNotifier } from './feishu.notifier.ts';
import { WebhookNotifier } from './webhook.notifier.ts';
import { WecomNotifier } from './wecom.notifier.ts';

export function notifierSenders(opts: { timeoutMs: number }, nowMs: () => number = Date.now): Readonly<Record<NotifierType, NotifierSender>> {
  return Object.freeze({
    wecom: new WecomNotifier(opts), dingtalk: new DingtalkNotifier(opts, nowMs), feishu: new FeishuNotifier(opts, nowMs),
    webhook: new WebhookNotifier(opts, nowMs), email: new EmailNotifier(opts),
  });
}
