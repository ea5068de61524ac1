/**
 * The one error type that crosses a boundary: a stable `code` the UI and scripts can test, and a
 * message written for a person. Every transport sends exactly these two fields (see toApiError);
 * subclasses only name a code for a family of errors.
 */
export class HookscopeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.name = new.target.name
  }
}
