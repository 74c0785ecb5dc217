/** A decimal number as a person writes it: digits, an optional fraction and exponent, nothing around it. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The number a command-line value spells in decimal, or NaN. `Number` alone would also take
 * `0x10`, `0b1`, `' 7'` and `''` (as 0), none of which a user means as a parameter value.
 */
export function parseDecimal(text: string): number {
  return DECIMAL.test(text) ? Number(text) : Number.NaN;
}
