// WeCom (企业微信) group robot: POST the webhook URL (…/cgi-bin/webhook/send?key=…)
// with a markdown message. The key in the URL is the robot's only credential.
import type { AlertMessage, NotifierSender, NotifierTarget } from '../../app/notifier.port.ts';
import { postJson, robotRefusal, type PostOptions } from './post.ts';

/** WeCom caps markdown content at 4096 bytes. */
const contentBytesMax = 4096;

export function wecomBody(m: AlertMessage): string {
  return JSON.stringify({ msgtype: 'markdown', markdown: { content: truncateUtf8(m.markdown, contentBytesMax) } });
}

export class WecomNotifier implements NotifierSender {
  constructor(private readonly opts: PostOptions) {}

  async send(target: NotifierTarget, m: AlertMessage): Promise<void> {
    const refusal = robotRefusal(await postJson(target.url!, wecomBody(m), {}, this.opts));
    if (refusal !== null) throw new Error(refusal);
  }
}

/** At most `bytesMax` bytes of UTF-8, cut at a character boundary. */
export function truncateUtf8(text: string, bytesMax: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= bytesMax) return text;
  let end = bytesMax;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}
