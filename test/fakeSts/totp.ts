/** RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30-second steps): the MFA devices of the fake STS. */
import { createHmac } from 'node:crypto';

export const TOTP_STEP_SECONDS = 30;

export function totp(secret: string, unixSeconds: number, offsetSteps = 0): string {
  const counter = Math.floor(unixSeconds / TOTP_STEP_SECONDS) + offsetSteps;
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', Buffer.from(secret, 'utf8')).update(buf).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 1_000_000).padStart(6, '0');
}

/** The step a code belongs to if it is valid now (±1 step of drift), else undefined. */
export function matchTotp(secret: string, code: string, unixSeconds: number): number | undefined {
  for (const off of [0, -1, 1]) {
    if (totp(secret, unixSeconds, off) === code) return Math.floor(unixSeconds / TOTP_STEP_SECONDS) + off;
  }
  return undefined;
}
