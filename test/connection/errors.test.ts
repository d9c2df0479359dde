/// <reference types="mocha" />
import { expect } from '@open-wc/testing';
import { ApiError, isAbortError, toApiError } from '../../src/connection/errors.js';

const res = (status: number, statusText = '') => new Response(null, { status, statusText });

describe('connection/errors: toApiError', () => {
  it('decodes Twilio’s classic error body', () => {
    const body = JSON.stringify({
      code: 20404,
      message: 'The requested resource was not found',
      more_info: 'https://www.twilio.com/docs/errors/20404',
      status: 404,
    });
    const e = toApiError(new Error('x'), res(404, 'Not Found'), body);
    expect(e).to.be.instanceOf(ApiError);
    expect(e).to.be.instanceOf(Error);
    expect(e.name).to.equal('ApiError');
    expect(e.kind).to.equal('http');
    expect(e.status).to.equal(404);
    expect(e.code).to.equal(20404);
    expect(e.message).to.equal('The requested resource was not found');
    expect(e.moreInfo).to.equal('https://www.twilio.com/docs/errors/20404');
  });

  it('decodes the newer { type, title, status, code, detail } shape', () => {
    const body = JSON.stringify({
      type: 'https://www.twilio.com/docs/errors/20001',
      title: 'Bad request',
      status: 400,
      code: 20001,
      detail: 'Reservation is not pending',
    });
    const e = toApiError(undefined, res(400), body);
    expect(e.kind).to.equal('http');
    expect(e.status).to.equal(400);
    expect(e.code).to.equal(20001);
    expect(e.message).to.equal('Reservation is not pending');
    expect(e.moreInfo).to.equal('https://www.twilio.com/docs/errors/20001');
  });

  it('takes the title when the newer shape has no detail, and ignores type about:blank', () => {
    const e = toApiError(undefined, res(409), JSON.stringify({ type: 'about:blank', title: 'Conflict here', status: 409 }));
    expect(e.message).to.equal('Conflict here');
    expect(e.moreInfo).to.equal(null);
    expect(e.code).to.equal(null);
  });

  it('reads a numeric code sent as a string', () => {
    expect(toApiError(undefined, res(400), '{"code":"20001","message":"m"}').code).to.equal(20001);
  });

  it('uses the status line for an error without a body', () => {
    const e = toApiError(undefined, res(502, 'Bad Gateway'), '');
    expect(e.kind).to.equal('http');
    expect(e.status).to.equal(502);
    expect(e.message).to.equal('HTTP 502 Bad Gateway');
    expect(e.code).to.equal(null);
    expect(e.moreInfo).to.equal(null);
  });

  it('names the status itself when the response has no status text (HTTP/2)', () => {
    expect(toApiError(undefined, res(503), undefined).message).to.equal('HTTP 503 Service Unavailable');
    expect(toApiError(undefined, res(418), undefined).message).to.equal('HTTP 418');
  });

  it('uses the status line for a non-JSON body', () => {
    const e = toApiError(undefined, res(502, 'Bad Gateway'), '<html><body>upstream error</body></html>');
    expect(e.message).to.equal('HTTP 502 Bad Gateway');
    expect(e.code).to.equal(null);
  });

  it('uses the status line for JSON that is not an error object', () => {
    expect(toApiError(undefined, res(500), '[1,2]').message).to.equal('HTTP 500 Internal Server Error');
    expect(toApiError(undefined, res(500), '"oops"').message).to.equal('HTTP 500 Internal Server Error');
    expect(toApiError(undefined, res(500), '{"message":"  "}').message).to.equal('HTTP 500 Internal Server Error');
  });

  it('reports a successful answer that could not be read', () => {
    const e = toApiError(new SyntaxError('Unexpected token'), res(200, 'OK'), 'not json');
    expect(e.kind).to.equal('invalid');
    expect(e.status).to.equal(200);
    expect(e.message).to.equal("The server's answer could not be read (HTTP 200 OK)");
  });

  it('decodes a network failure', () => {
    const cause = new TypeError('Failed to fetch');
    const e = toApiError(cause);
    expect(e.kind).to.equal('network');
    expect(e.status).to.equal(0);
    expect(e.code).to.equal(null);
    expect(e.message).to.equal('Network error: could not reach the server');
    expect(e.cause).to.equal(cause);
  });

  it('decodes a timeout (ky’s TimeoutError)', () => {
    const timeout = Object.assign(new Error('Request timed out: GET /x'), { name: 'TimeoutError' });
    const e = toApiError(timeout);
    expect(e.kind).to.equal('timeout');
    expect(e.status).to.equal(0);
    expect(e.message).to.match(/timed out/);
  });

  it('decodes an abort', () => {
    const e = toApiError(new DOMException('The user aborted a request.', 'AbortError'));
    expect(e.kind).to.equal('aborted');
    expect(e.status).to.equal(0);
  });

  it('passes an ApiError through unchanged', () => {
    const original = new ApiError('http', 'm', 400, 1, null);
    expect(toApiError(original, res(500), '{}')).to.equal(original);
  });
});

describe('connection/errors: isAbortError', () => {
  it('recognises aborts and nothing else', () => {
    expect(isAbortError(new ApiError('aborted', 'Request aborted'))).to.equal(true);
    expect(isAbortError(new DOMException('x', 'AbortError'))).to.equal(true);
    expect(isAbortError(new ApiError('network', 'n'))).to.equal(false);
    expect(isAbortError(new ApiError('timeout', 't'))).to.equal(false);
    expect(isAbortError(new ApiError('http', 'h', 499))).to.equal(false);
    expect(isAbortError(new Error('AbortError'))).to.equal(false);
    expect(isAbortError(null)).to.equal(false);
    expect(isAbortError(undefined)).to.equal(false);
  });
});
