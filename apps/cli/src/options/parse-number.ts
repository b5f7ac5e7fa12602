import { InvalidArgumentError } from 'commander';

/** Commander argParser: a whole number >= 1 (epochs, batch size, --limit). */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError(`expected a whole number >= 1, got "${value}".`);
  }
  return n;
}

/** Commander argParser: a whole number >= 0 (seeds). */
export function parseNonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new InvalidArgumentError(`expected a whole number >= 0, got "${value}".`);
  }
  return n;
}

/** Commander argParser: a finite number > 0 (learning rate). */
export function parsePositiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError(`expected a number > 0, got "${value}".`);
  }
  return n;
}

/** Commander argParser: a finite number >= 0 (weight decay, label smoothing). */
export function parseNonNegativeNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new InvalidArgumentError(`expected a number >= 0, got "${value}".`);
  }
  return n;
}

/** Commander argParser: a number in [0, 1) (label smoothing). */
export function parseFraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n < 1)) {
    throw new InvalidArgumentError(`expected a number in [0, 1), got "${value}".`);
  }
  return n;
}
