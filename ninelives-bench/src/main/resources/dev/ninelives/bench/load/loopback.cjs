// Preloaded into Node systems under test (node -r loopback.cjs server.js): a server that
// listens without naming a host would take every interface; the benchmark must stay on
// 127.0.0.1, so a missing host is filled in before the real listen() runs.
'use strict';
const net = require('net');
const listen = net.Server.prototype.listen;

function withLoopback(args) {
  const [first, second] = args;
  if (first !== null && typeof first === 'object') {
    // listen(options[, callback]): only TCP options without an explicit host are changed.
    if (first.path === undefined && first.host === undefined) {
      return [{ ...first, host: '127.0.0.1' }, ...args.slice(1)];
    }
    return args;
  }
  const isPort = typeof first === 'number' || (typeof first === 'string' && /^[0-9]+$/.test(first));
  if (!isPort) {
    return args; // a pipe or handle: not a network address
  }
  if (typeof second === 'string') {
    return [first, '127.0.0.1', ...args.slice(2)];
  }
  if (second === undefined || second === null) {
    return [first, '127.0.0.1', ...args.slice(2)];
  }
  return [first, '127.0.0.1', ...args.slice(1)]; // listen(port, backlog|callback, ...)
}

net.Server.prototype.listen = function (...args) {
  return listen.apply(this, withLoopback(args));
};
