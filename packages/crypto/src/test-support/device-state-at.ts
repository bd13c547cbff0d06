// Test support only (not exported from the package): DUKPT device states at any counter, built from
// host derivations, so device-side code can be run from the rollover points the vectors publish.
import type { AesDukptDeviceState, TdesDukptDeviceState } from "../index.ts";
import { deriveAesDukptTransactionKey, deriveTdesDukptTransactionKey } from "../index.ts";

/**
 * Which counter's key register `bit` holds just before the device uses `counter` (0 when spent):
 * the counter's lowest one-bit holds the counter itself; every higher zero bit holds the counter's
 * bits above it plus that bit, if it has at most `maxOneBits` one-bits; the rest were used up.
 */
function registerTarget(counter: number, bit: number, maxOneBits: number): number {
  const low = 31 - Math.clz32((counter & -counter) >>> 0);
  const above = counter - (counter % 2 ** (bit + 1));
  const set = Math.floor(counter / 2 ** bit) % 2 === 1;
  const target = bit === low ? counter : !set && bit > low ? above + 2 ** bit : 0;
  return target.toString(2).replaceAll("0", "").length > maxOneBits ? 0 : target;
}

/** The AES DUKPT device state just before `counter`, for an initial key and initial key ID. */
export function aesDeviceStateAt(initialKey: Buffer, initialKeyId: Buffer, counter: number): AesDukptDeviceState {
  const registers: (Buffer | null)[] = [];
  for (let bit = 0; bit < 32; bit++) {
    const target = registerTarget(counter, bit, 16);
    const ksn = Buffer.alloc(12);
    initialKeyId.copy(ksn);
    ksn.writeUInt32BE(target, 8);
    registers.push(target === 0 ? null : deriveAesDukptTransactionKey({ initialKey, ksn }));
  }
  const keyType = initialKey.length === 16 ? "AES128" : initialKey.length === 24 ? "AES192" : "AES256";
  return { initialKeyId: Buffer.from(initialKeyId), keyType, counter, registers };
}

/** The TDES DUKPT device state just before `counter`, for an IPEK and any KSN of the device. */
export function tdesDeviceStateAt(ipek: Buffer, deviceKsn: Buffer, counter: number): TdesDukptDeviceState {
  const base = Buffer.from(deviceKsn);
  base.writeUIntBE(base.readUIntBE(7, 3) & 0xe00000, 7, 3);
  const registers: (Buffer | null)[] = [];
  for (let bit = 0; bit < 21; bit++) {
    const target = registerTarget(counter, bit, 10);
    const ksn = Buffer.from(base);
    ksn.writeUIntBE(ksn.readUIntBE(7, 3) + target, 7, 3);
    registers.push(target === 0 ? null : deriveTdesDukptTransactionKey({ ipek, ksn }));
  }
  return { ksn: base, counter, registers };
}
