import { expect, test } from 'vitest';
import { type Address, credentialAddress, formatAddress, gatewayAddress, labelOf, parseAddress, roleAddress, targetAddress } from '../../src/deploy/address';

// The text form is what the state's pending creates are keyed by: a state file written by an
// earlier version must still be read the same way.
const FORMS: [Address, string, string][] = [
  [credentialAddress('oauth', 'idp'), 'credential:oauth:idp', 'credential idp'],
  [credentialAddress('api-key', 'petstore-key'), 'credential:api-key:petstore-key', 'credential petstore-key'],
  [roleAddress('MyProject-my-gateway-gateway'), 'role:MyProject-my-gateway-gateway', 'role MyProject-my-gateway-gateway'],
  [gatewayAddress('my-gateway'), 'gateway:my-gateway', 'gateway my-gateway'],
  [targetAddress('my-gateway', 'weather-tools'), 'target:my-gateway/weather-tools', 'gateway my-gateway › target weather-tools'],
];

test('each kind of address has the text form earlier versions wrote to the state, and reads back to the same address', () => {
  for (const [address, text, label] of FORMS) {
    expect(formatAddress(address)).toBe(text);
    expect(parseAddress(text)).toEqual(address);
    expect(labelOf(address)).toBe(label);
  }
});

test('text that is no address reads back as none', () => {
  for (const text of ['', 'gateway:', 'target:gw', 'credential:basic:x', 'delete:gateway:gw', 'role:']) expect(parseAddress(text)).toBeUndefined();
});
