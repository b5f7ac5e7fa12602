/** Bad or unavailable data. Messages name the file, record or URL and what was expected. */
export class DataError extends Error {
  override readonly name = 'DataError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
