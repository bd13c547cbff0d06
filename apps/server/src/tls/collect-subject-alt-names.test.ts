import assert from "node:assert/strict";
import type os from "node:os";
import { test } from "node:test";
import { canonicalIp, collectSubjectAltNames, sameNames } from "./collect-subject-alt-names.ts";

const iface = (address: string, family: "IPv4" | "IPv6", internal = false) =>
  ({ address, family, internal, netmask: "", mac: "", cidr: null }) as os.NetworkInterfaceInfo;

const host = {
  hostname: () => "Till-1",
  networkInterfaces: () => ({
    lo: [iface("127.0.0.1", "IPv4", true), iface("::1", "IPv6", true)],
    wlan0: [
      iface("192.168.1.20", "IPv4"),
      iface("fe80::1c2b:3dff:fe4e:5f60", "IPv6"),
      iface("2001:DB8:0:0:0:0:0:42", "IPv6"),
    ],
    docker0: [iface("172.17.0.1", "IPv4")],
  }),
};

test("loopback, the host name, its mDNS name and every non-internal address are included", () => {
  assert.deepEqual(collectSubjectAltNames([], host), {
    dns: ["localhost", "till-1", "till-1.local"],
    ip: ["127.0.0.1", "172.17.0.1", "192.168.1.20", "2001:db8::42", "::1"],
  });
});

test("IPv6 link-local addresses are left out (unusable in a browser URL)", () => {
  assert.ok(!collectSubjectAltNames([], host).ip.some((ip) => ip.startsWith("fe80")));
});

test("extra names may be DNS names, wildcards or IP literals, and are normalised", () => {
  const names = collectSubjectAltNames([" POS.Example.com ", "*.shop.example", "10.0.0.5", "2001:0db8::0001"], host);
  assert.ok(names.dns.includes("pos.example.com"));
  assert.ok(names.dns.includes("*.shop.example"));
  assert.ok(names.ip.includes("10.0.0.5"));
  assert.ok(names.ip.includes("2001:db8::1"));
});

test("invalid extra names throw; an odd OS host name is skipped instead", () => {
  for (const bad of ["", "under_score.example", "a..b", "-lead.example", "x".repeat(64), "http://pos.example"]) {
    assert.throws(() => collectSubjectAltNames([bad], host), { code: "TLS_INVALID_HOSTNAME" }, bad);
  }
  const odd = { ...host, hostname: () => "my_box" };
  assert.deepEqual(collectSubjectAltNames([], odd).dns, ["localhost"]);
});

test("a fully qualified host name gets no .local twin", () => {
  const fqdn = { ...host, hostname: () => "till.shop.example" };
  assert.deepEqual(collectSubjectAltNames([], fqdn).dns, ["localhost", "till.shop.example"]);
});

test("name sets compare independent of order and spelling", () => {
  assert.equal(canonicalIp("0:0:0:0:0:0:0:1"), "::1");
  assert.equal(canonicalIp("FD00::2"), "fd00::2");
  assert.equal(canonicalIp("10.0.0.1"), "10.0.0.1");
  const a = collectSubjectAltNames(["b.example", "a.example"], host);
  const b = collectSubjectAltNames(["A.example", "b.example"], host);
  assert.ok(sameNames(a, b));
  assert.ok(!sameNames(a, collectSubjectAltNames(["a.example"], host)));
});
