import type { Transporter } from 'nodemailer';

/**
 * Alert e-mails through the operator's SMTP server (SMTP_URL, MAIL_FROM). The server is the
 * operator's choice, not a user's: it is not held to the address rules of outbound-address.ts.
 */
export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
  /** Kept on every retry of one delivery, so a mail client can tell a repeat. */
  messageId?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** A refusal by the SMTP server that a retry would not change (5xx: no such mailbox, rejected sender). */
export class MailRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailRejectedError';
  }
}

export function createMailer(opts: { url: string; from: string; timeoutMs?: number }): Mailer {
  const timeout = opts.timeoutMs ?? 30_000;
  // nodemailer loads with the first message, not with every process that might send one.
  let transport: Promise<Transporter> | undefined;
  const open = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      // Bounded in time: a mail server that never answers fails the attempt, which is retried.
      nodemailer.createTransport({ url: opts.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout }),
    ));
  return {
    async send(m) {
      const mail = await open();
      try {
        await mail.sendMail({
          from: opts.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          ...(m.messageId ? { messageId: m.messageId } : {}),
          ...(m.attachments ? { attachments: m.attachments } : {}),
        });
      } catch (err) {
        const code = typeof err === 'object' && err !== null && 'responseCode' in err && typeof err.responseCode === 'number' ? err.responseCode : 0;
        if (code >= 500 && code < 600)
          throw new MailRejectedError(`The mail server refused the message (${code}): ${err instanceof Error ? err.message : String(err)}`);
        throw err;
      }
    },
    close() {
      void transport?.then(
        (t) => t.close(),
        () => undefined,
      );
    },
  };
}
