import { isIP } from "node:net";
import os from "node:os";
import { TlsError } from "./errors.ts";

/** The names a server certificate must carry, sorted and de-duplicated so two sets compare with `sameNames`. */
export interface SubjectAltNames {
  dns: string[];
  ip: string[];
}

/** Where the machine's own names come from; injectable so tests do not depend on the host's network. */
export interface HostInfo {
  hostname: () => string;
  networkInterfaces: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
}

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
/** RFC 1123 host name, optionally a leading wildcard label (`*.pos.example`). */
const DNS_NAME = new RegExp(`^(?=.{1,253}$)(?:\\*\\.)?${LABEL}(?:\\.${LABEL})*$`);

/**
 * The SANs the local server certificate needs so that every way a phone on the LAN may reach this machine
 * (localhost, its host name, mDNS `<host>.local`, any of its addresses) passes the browser's name check.
 * Operator-supplied `hostnames` may be DNS names or IP literals; an invalid one throws, because a typo would
 * otherwise surface only as a browser warning on the phone.
 */
export function collectSubjectAltNames(hostnames: readonly string[] = [], host: HostInfo = os): SubjectAltNames {
  const dns = new Set<string>(["localhost"]);
  const ip = new Set<string>(["127.0.0.1", "::1"]);

  const machine = host.hostname().toLowerCase();
  // The OS may report a name that is not a valid DNS name (e.g. with "_"); it could never match, so skip it.
  if (DNS_NAME.test(machine)) {
    dns.add(machine);
    // Phones on the LAN usually find the machine by mDNS, which answers `<host>.local`.
    if (!machine.includes(".")) dns.add(`${machine}.local`);
  }

  for (const infos of Object.values(host.networkInterfaces())) {
    for (const info of infos ?? []) {
      if (info.internal) continue;
      // IPv6 link-local addresses only work with a zone id ("%eth0"), which browsers reject in URLs.
      if (info.family === "IPv6" && isLinkLocalV6(info.address)) continue;
      ip.add(canonicalIp(info.address));
    }
  }

  for (const raw of hostnames) {
    const name = raw.trim().toLowerCase();
    if (isIP(name)) ip.add(canonicalIp(name));
    else if (DNS_NAME.test(name)) dns.add(name);
    else
      throw new TlsError("TLS_INVALID_HOSTNAME", `Invalid TLS host name ${JSON.stringify(raw)}: not a DNS name or IP`);
  }

  return { dns: [...dns].sort(), ip: [...ip].sort() };
}

/** One spelling per address (compressed, lower-case IPv6) so a re-read certificate compares equal. */
export function canonicalIp(address: string): string {
  if (isIP(address) !== 6) return address;
  // The WHATWG URL parser serialises IPv6 in the RFC 5952 canonical form.
  return new URL(`http://[${address.split("%")[0]}]/`).hostname.slice(1, -1);
}

/** Whether two name sets are the same (both sorted by `collectSubjectAltNames`). */
export function sameNames(a: SubjectAltNames, b: SubjectAltNames): boolean {
  return a.dns.join(",") === b.dns.join(",") && a.ip.join(",") === b.ip.join(",");
}

function isLinkLocalV6(address: string): boolean {
  return /^fe[89ab]/i.test(address);
}
