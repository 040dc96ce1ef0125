/** The parts of an ARN the picker, the status bar and the session show. */

export function accountOfArn(arn: string | undefined): string | undefined {
  const a = arn?.split(':')[4];
  return a !== undefined && /^\d{12}$/.test(a) ? a : undefined;
}

export function roleNameOfArn(arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  const res = arn.split(':').slice(5).join(':');
  const i = res.lastIndexOf('/');
  return i >= 0 ? res.slice(i + 1) : undefined;
}
