/** E-mail over SMTP with nodemailer: one message per event. */
import nodemailer from 'nodemailer';
import { UpdopsError } from '../../errors.js';
import type { SmtpProvider } from '../../manifests/index.js';
import { resolveSecretRef, type SecretOptions } from '../../secrets/index.js';
import type { Delivery } from '../types.js';
import { DELIVERY_TIMEOUT_MS } from './http.js';

export async function sendMail(provider: SmtpProvider, delivery: Delivery, secrets: SecretOptions): Promise<void> {
  const login = provider.secretRef ? resolveSecretRef(provider.secretRef, secrets) : undefined;
  const transport = nodemailer.createTransport({
    host: provider.host,
    port: provider.port ?? 587,
    secure: provider.secure ?? false,
    ...(login ? { auth: { user: login.username, pass: login.password } } : {}),
    connectionTimeout: DELIVERY_TIMEOUT_MS,
    greetingTimeout: DELIVERY_TIMEOUT_MS,
    socketTimeout: DELIVERY_TIMEOUT_MS,
  });
  try {
    const lines = [delivery.text, '', `${delivery.event.type} at ${delivery.event.time}${delivery.event.subject ? ` (${delivery.event.subject})` : ''}`, ...(delivery.consoleUrl ? [delivery.consoleUrl] : [])];
    await transport.sendMail({ from: provider.from, to: provider.to.join(', '), subject: `updops: ${delivery.event.type}${delivery.event.subject ? ` ${delivery.event.subject}` : ''}`, text: `${lines.join('\n')}\n` });
  } catch (error) {
    throw new UpdopsError('NOTIFY', `SMTP ${provider.host}:${provider.port ?? 587}: ${(error as Error).message}`);
  } finally {
    transport.close();
  }
}
