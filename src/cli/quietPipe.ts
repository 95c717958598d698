/**
 * `newsdigest demo | head` closes our stdout early. That is the reader saying "enough", not a
 * failure: stop quietly with status 0 instead of printing an EPIPE stack trace.
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}
