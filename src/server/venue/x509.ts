// @peculiar/x509, ready to use: it resolves its parts through tsyringe, which needs the Reflect
// metadata polyfill loaded first, and it signs with Node's WebCrypto. Import X.509 from here only.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// Node's WebCrypto is the provider; the server's types have no DOM `Crypto` to name it by.
x509.cryptoProvider.set(webcrypto as never);

/** The library itself, configured. */
export { x509 };
