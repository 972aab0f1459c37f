/** Input the engine cannot read: a missing file, bad JSON, or a malformed block. Names the file and the field. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(field ? `${file}: ${field}: ${detail}` : `${file}: ${detail}`);
    this.name = 'InputError';
  }
}
