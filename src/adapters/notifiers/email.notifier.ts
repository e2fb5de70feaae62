// E-mail over SMTP (nodemailer): one plain-text message per alert to the
// notifier's recipients; the notifier's secret is the SMTP password.
import nodemailer from 'nodemailer';
import type { AlertMessage, NotifierSender, NotifierTarget } from '../../app/notifier.port.ts';

export interface EmailOptions {
  readonly timeoutMs: number;
  /** Only for tests against a local server with a self-signed certificate. */
  readonly rejectUnauthorized?: boolean;
}

export class EmailNotifier implements NotifierSender {
  constructor(private readonly opts: EmailOptions) {}

  async send(target: NotifierTarget, m: AlertMessage): Promise<void> {
    const smtp = target.smtp!;
    const transport = nodemailer.createTransport({
      host: smtp.host, port: smtp.port, secure: smtp.secure,
      ...(smtp.user === undefined ? {} : { auth: { user: smtp.user, pass: target.secret ?? '' } }),
      connectionTimeout: this.opts.timeoutMs, greetingTimeout: this.opts.timeoutMs, socketTimeout: this.opts.timeoutMs,
      tls: { rejectUnauthorized: this.opts.rejectUnauthorized ?? true },
    });
    try {
      await transport.sendMail({
        from: smtp.from, to: [...smtp.to], subject: m.title, text: m.text,
        headers: { 'X-Pallet-Alert-Id': m.alertId },
      });
    } finally {
      transport.close();
    }
  }
}
