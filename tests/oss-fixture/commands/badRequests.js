'use strict';

const { client } = require('../lib/settings');
const { outcome, responseFacts } = require('../lib/outcome');

// Requests the server must refuse, each leaving nothing behind: a put signed with the wrong secret (V1 and V4
// signatures) and a put whose object name is 1024 bytes long (OSS allows 1..1023).
module.exports = async function badRequests(prefix) {
  const good = client();
  const wrongSecret = { accessKeySecret: 'not-the-secret-0123456789' };
  const content = Buffer.from('must not be stored\n');
  const longName = prefix + 'n'.repeat(1024 - Buffer.byteLength(prefix));

  const attempt = (oss, key) => outcome(() => oss.put(key, content), r => responseFacts(r.res));

  const v1WrongSecret = await attempt(client(Object.assign({ authorizationV4: false }, wrongSecret)), `${prefix}v1.txt`);
  const v4WrongSecret = await attempt(client(Object.assign({ authorizationV4: true }, wrongSecret)), `${prefix}v4.txt`);
  const nameTooLong = await attempt(good, longName);

  const stored = await outcome(
    () => good.list({ prefix, 'max-keys': 100 }),
    r => ({ status: r.res.status, objects: (r.objects || []).map(o => o.name) })
  );

  return { longNameBytes: Buffer.byteLength(longName), v1WrongSecret, v4WrongSecret, nameTooLong, stored };
};
