'use strict';

const http = require('http');

/**
 * One request with Node's own http module and nothing of ali-oss: how a browser or curl uses a signed URL.
 * Resolves with the status, headers and body (as text) whatever the status.
 */
function send(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, agent: false }, response => {
      const chunks = [];
      response.on('data', chunk => chunks.push(chunk));
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: response.statusCode, headers: response.headers, bytes, text: bytes.toString('utf8') });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** The Code element of an error document, or null. */
function errorCode(text) {
  const match = /<Code>([^<]*)<\/Code>/.exec(text || '');
  return match ? match[1] : null;
}

module.exports = { send, errorCode };
