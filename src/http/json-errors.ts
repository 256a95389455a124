import type { ErrorRequestHandler } from 'express';

/**
 * Answers errors raised before GraphQL runs (a body too large, malformed JSON) in the GraphQL
 * error shape, instead of Express's HTML page with its stack trace and file paths.
 */
export function jsonErrors(maxBodyBytes: number, log: (message: string, error?: unknown) => void): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status: number = typeof error?.status === 'number' && error.status >= 400 && error.status < 600 ? error.status : 500;
    let message = 'Internal server error';
    if (status === 413) message = `The request body is larger than the limit of ${maxBodyBytes} bytes.`;
    else if (error?.type === 'entity.parse.failed') message = 'The request body is not valid JSON.';
    else if (status < 500) message = 'The request could not be read; send a JSON body with `query` and optional `variables`.';
    else log('HTTP request failed', error);
    res.status(status).json({
      errors: [
        { message, extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } },
      ],
    });
  };
}
