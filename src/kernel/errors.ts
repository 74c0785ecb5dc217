/**
 * Bad input from a user: a malformed file, an unknown name, a value out of range. The CLI
 * prints its message on one line and exits with code 2.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}
