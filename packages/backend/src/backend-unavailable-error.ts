/** A backend that cannot start here, with the reason to show the user. */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
}
