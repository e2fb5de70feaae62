// Each notifier against a local receiver that checks the exact payload and
// signature the way the platform documents it: WeCom robot (markdown),
// DingTalk robot (timestamp + sign in the URL), Feishu bot (timestamp + sign
// in the body), the generic webhook (Pallet-Signature), e-mail over SMTP.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, NotifierTarget } from '../../src/app/notifier.port.ts';
import { messageOf } from '../../src/app/sla.service.ts';
import { DingtalkNotifier } from '../../src/adapters/notifiers/dingtalk.notifier.ts';
import { EmailNotifier } from '../../src/adapters/notifiers/email.notifier.ts';
import { FeishuNotifier } from '../../src/adapters/notifiers/feishu.notifier.ts';
import { WebhookNotifier } from '../../src/adapters/notifiers/webhook.notifier.ts';
import { WecomNotifier } from '../../src/adapters/notifiers/wecom.notifier.ts';

interface Received { url: string; headers: IncomingMessage['headers']; body: string }

let server: Server;
let base = '';
const received: Received[] = [];
let answer: { status: number; body: string } = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const alert: Alert = {
  tenant: 'acme', id: 'al_1', orderId: 'ord-1', stage: 'paidToReleased', level: 1, notifierId: null, state: 'pending', attempts: 0,
  lastError: null, dueAtMs: Date.UTC(2026, 11, 1, 10, 0, 0), createdAtMs: Date.UTC(2026, 11, 1, 10, 0, 2), sentAtMs: null,
};
const message = messageOf(alert);
const nowMs = Date.UTC(2026, 11, 1, 10, 0, 3, 456);
const opts = { timeoutMs: 2_000 };
const target = (type: NotifierTarget['type'], path: string, secret: string | null): NotifierTarget => ({ id: 'n1', type, url: `${base}${path}`, smtp: null, secret });
const last = (): Received => received[received.length - 1]!;

describe('WeCom group robot', () => {
  it('posts a markdown message to the robot URL', async () => {
    await new WecomNotifier(opts).send(target('wecom', '/cgi-bin/webhook/send?key=abc', null), message);
    const r = last();
    expect(r.url).toBe('/cgi-bin/webhook/send?key=abc');
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(r.body)).toEqual({ msgtype: 'markdown', markdown: { content: message.markdown } });
    expect(message.markdown).toContain('ord-1');
  });

  it('a robot error code in a 200 is a failed delivery', async () => {
    answer = { status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' };
    try {
      await expect(new WecomNotifier(opts).send(target('wecom', '/x', null), message)).rejects.toThrow(/93000/);
    } finally {
      answer = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
    }
  });
});

describe('DingTalk robot', () => {
  it('adds timestamp and the URL-encoded base64 HMAC-SHA256 of "<timestamp>\\n<secret>" to the URL', async () => {
    const secret = 'SECabc123+/=';
    await new DingtalkNotifier(opts, () => nowMs).send(target('dingtalk', '/robot/send?access_token=tok', secret), message);
    const r = last();
    const url = new URL(r.url, base);
    expect(url.pathname).toBe('/robot/send');
    expect(url.searchParams.get('access_token')).toBe('tok');
    expect(url.searchParams.get('timestamp')).toBe(String(nowMs));
    const expected = createHmac('sha256', secret).update(`${nowMs}\n${secret}`).digest('base64');
    expect(url.searchParams.get('sign')).toBe(expected);
    // The raw query carries it URL-encoded (base64's + / = escaped).
    expect(r.url).toContain(`sign=${encodeURIComponent(expected)}`);
    expect(JSON.parse(r.body)).toEqual({ msgtype: 'markdown', markdown: { title: message.title, text: message.markdown } });
  });
});

describe('Feishu / Lark bot', () => {
  it('signs with HMAC-SHA256 keyed by "<timestamp>\\n<secret>" over empty data, timestamp in seconds as a string', async () => {
    const secret = 'feishu-secret';
    await new FeishuNotifier(opts, () => nowMs).send(target('feishu', '/open-apis/bot/v2/hook/xyz', secret), message);
    const r = last();
    expect(r.url).toBe('/open-apis/bot/v2/hook/xyz');
    const t = Math.floor(nowMs / 1000);
    const sign = createHmac('sha256', `${t}\n${secret}`).update('').digest('base64');
    expect(JSON.parse(r.body)).toEqual({ timestamp: String(t), sign, msg_type: 'text', content: { text: message.text } });
  });
});

describe('generic webhook', () => {
  it('posts the alert as JSON with Pallet-Signature over "<t>.<raw body>"', async () => {
    const secret = 'whsec_alerts';
    await new WebhookNotifier(opts, () => nowMs).send(target('webhook', '/hooks/pallet', secret), message);
    const r = last();
    const t = Math.floor(nowMs / 1000);
    const v1 = createHmac('sha256', secret).update(`${t}.${r.body}`).digest('hex');
    expect(r.headers['pallet-signature']).toBe(`t=${t},v1=${v1}`);
    expect(r.headers['pallet-alert-id']).toBe('al_1');
    expect(JSON.parse(r.body)).toEqual({
      type: 'sla.alert', alertId: 'al_1', tenant: 'acme', orderId: 'ord-1', stage: 'paidToReleased', level: 1,
      dueAt: '2026-12-01T10:00:00.000Z', title: message.title, text: message.text,
    });
  });

  it('a non-2xx answer is a failed delivery naming the status', async () => {
    answer = { status: 503, body: 'busy' };
    try {
      await expect(new WebhookNotifier(opts).send(target('webhook', '/hooks/pallet', 's'), message)).rejects.toThrow(/HTTP 503/);
    } finally {
      answer = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
    }
  });
});

describe('e-mail over SMTP', () => {
  it('sends one message with the alert as subject and text, authenticated with the secret as password', async () => {
    const mails: { from: string; to: string[]; data: string; user: string | undefined }[] = [];
    const smtp = new SMTPServer({
      secure: false, disabledCommands: ['STARTTLS'], allowInsecureAuth: true, authMethods: ['PLAIN', 'LOGIN'],
      onAuth(auth, _session, cb) {
        if (auth.username === 'alerts' && auth.password === 'smtp-pass') cb(null, { user: auth.username });
        else cb(new Error('bad credentials'));
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((x) => x.address), data: Buffer.concat(chunks).toString('utf8'), user: session.user as string | undefined,
          });
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    try {
      const port = (smtp.server.address() as AddressInfo).port;
      await new EmailNotifier({ timeoutMs: 2_000 }).send({
        id: 'mail', type: 'email', url: null, secret: 'smtp-pass',
        smtp: { host: '127.0.0.1', port, secure: false, user: 'alerts', from: 'pallet@example.com', to: ['ops@example.com', 'lead@example.com'] },
      }, message);
      expect(mails).toHaveLength(1);
      const m = mails[0]!;
      expect(m.user).toBe('alerts');
      expect(m.from).toBe('pallet@example.com');
      expect(m.to).toEqual(['ops@example.com', 'lead@example.com']);
      expect(m.data).toMatch(new RegExp(`^Subject: ${message.title.replace(/[()]/g, '\\$&')}\\r$`, 'm'));
      expect(m.data).toMatch(/^X-Pallet-Alert-Id: al_1\r$/mi); // header names are case-insensitive
      expect(m.data).toContain('order: ord-1');
    } finally {
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  });
});
