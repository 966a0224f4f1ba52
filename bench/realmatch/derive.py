#!/usr/bin/env python3
"""Real advisories and the expected answer for one root filesystem built from a release's main pocket.

Facts used, all from the distribution's own archive:
  * the installed packages: the rootfs' dpkg `status` (source name and source version per binary);
  * the fixed versions: the release's security pocket (a source version there newer than the installed
    one is a security fix), read from the signed InRelease -> Packages.xz chain;
  * which CVEs a version fixes: the changelog installed in the rootfs (fixed at or below the installed
    version) and, when the security pocket has a newer version, that package's changelog (downloaded,
    hash-checked against the index): CVEs only it names are fixed above the installed version (see fixes()).

From those it writes OSV records in the distribution's shape (`DEBIAN-CVE-*` for Debian, `UBUNTU-CVE-*`
for Ubuntu, source package names, `introduced 0` + `fixed`), and `expected.json`: every (record, binary
package) pair of the installed sources with the verdict `dpkg --compare-versions` gives. Records fixed at or
below the installed version, entries for another release and withdrawn records are the must-not-match part.
"""
import argparse
import datetime
import email.utils
import functools
import gzip
import hashlib
import io
import json
import lzma
import os
import re
import subprocess
import sys
import tarfile
import urllib.request

PRESENT = {"installed", "half-configured", "triggers-awaited", "triggers-pending"}
CVE = re.compile(r"CVE-\d{4}-\d{4,7}")
HEADER = re.compile(r"^(\S+) \(([^()\s]+)\) ([^;]+);(.*)$")
TRAILER = re.compile(r"^ -- .+?  (.+)$")
# Largest download accepted (a Packages.xz of a security pocket or one .deb).
MAX_DOWNLOAD = 512 << 20


def die(message):
    print(f"derive.py: error: {message}", file=sys.stderr)
    sys.exit(1)


def log(message):
    print(f"==> {message}", file=sys.stderr)


# --- versions (dpkg is the reference) -----------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def dpkg_cmp(a, b):
    if a == b:
        return 0
    lt = subprocess.run(["dpkg", "--compare-versions", a, "lt", b]).returncode == 0
    if lt:
        return -1
    eq = subprocess.run(["dpkg", "--compare-versions", a, "eq", b]).returncode == 0
    return 0 if eq else 1


def newest(versions):
    return max(versions, key=functools.cmp_to_key(dpkg_cmp))


# --- control stanzas ----------------------------------------------------------------------------------
def stanzas(text):
    fields, key = {}, None
    for line in text.splitlines():
        if not line.strip():
            if fields:
                yield fields
            fields, key = {}, None
        elif line[0] in " \t":
            if key:
                fields[key] += "\n" + line
        else:
            key, _, value = line.partition(":")
            key = key.lower()
            fields[key] = value.strip()
    if fields:
        yield fields


def source_of(fields):
    """(source name, source version) as dpkg derives them."""
    source = fields.get("source", "").strip()
    match = re.fullmatch(r"(\S+)\s*\(([^)]+)\)", source)
    if match:
        return match.group(1), match.group(2).strip()
    return (source or fields["package"]), fields["version"]


def installed_packages(rootfs):
    path = os.path.join(rootfs, "var/lib/dpkg/status")
    packages = []
    with open(path, encoding="utf-8") as handle:
        for fields in stanzas(handle.read()):
            words = fields.get("status", "").split()
            if len(words) != 3 or words[2] not in PRESENT:
                continue
            name, version = source_of(fields)
            packages.append({"name": fields["package"], "version": fields["version"],
                             "arch": fields.get("architecture", ""), "source": name, "source_version": version})
    return packages


# --- the archive -----------------------------------------------------------------------------------------
def fetch(url, limit=MAX_DOWNLOAD):
    with urllib.request.urlopen(url, timeout=120) as response:
        data = response.read(limit + 1)
    if len(data) > limit:
        die(f"{url} is larger than {limit} bytes")
    return data


class Suite:
    """One suite's main/binary-amd64 Packages index, reached through its signed InRelease."""

    def __init__(self, mirror, suite, keyring, cache):
        self.mirror, self.suite = mirror.rstrip("/"), suite
        os.makedirs(cache, exist_ok=True)
        release_path = os.path.join(cache, f"{suite}.InRelease")
        if not os.path.exists(release_path):
            with open(release_path, "wb") as handle:
                handle.write(fetch(f"{self.mirror}/dists/{suite}/InRelease"))
        check = subprocess.run(["gpgv", "--keyring", keyring, release_path], capture_output=True, text=True)
        if check.returncode != 0:
            die(f"{suite}: InRelease signature does not verify with {keyring}:\n{check.stderr}")
        digest = self._sha256(open(release_path, encoding="utf-8", errors="replace").read(), "main/binary-amd64/Packages.xz")
        index_path = os.path.join(cache, f"{suite}.Packages.xz")
        if not os.path.exists(index_path) or hashlib.sha256(open(index_path, "rb").read()).hexdigest() != digest:
            data = fetch(f"{self.mirror}/dists/{suite}/main/binary-amd64/Packages.xz")
            if hashlib.sha256(data).hexdigest() != digest:
                die(f"{suite}: Packages.xz does not match the SHA256 in InRelease")
            with open(index_path, "wb") as handle:
                handle.write(data)
        self.by_source = {}
        for fields in stanzas(lzma.decompress(open(index_path, "rb").read()).decode("utf-8")):
            name, version = source_of(fields)
            self.by_source.setdefault(name, []).append({
                "package": fields["package"], "version": fields["version"], "source_version": version,
                "filename": fields["filename"], "sha256": fields["sha256"]})
        self.cache = cache

    @staticmethod
    def _sha256(release, name):
        in_section = False
        for line in release.splitlines():
            if not line.startswith(" "):
                in_section = line.startswith("SHA256:")
                continue
            parts = line.split()
            if in_section and len(parts) == 3 and parts[2] == name:
                return parts[0]
        die(f"InRelease lists no SHA256 for {name}")

    def newest_source_version(self, source):
        versions = {entry["source_version"] for entry in self.by_source.get(source, [])}
        return newest(versions) if versions else None

    def binaries(self, source, version):
        return [entry for entry in self.by_source.get(source, []) if entry["source_version"] == version]

    def deb(self, entry):
        path = os.path.join(self.cache, os.path.basename(entry["filename"]))
        if not os.path.exists(path):
            data = fetch(f"{self.mirror}/{entry['filename']}")
            if hashlib.sha256(data).hexdigest() != entry["sha256"]:
                die(f"{entry['filename']} does not match the SHA256 in the {self.suite} index")
            with open(path, "wb") as handle:
                handle.write(data)
        return path


# --- changelogs ----------------------------------------------------------------------------------------
def parse_changelog(text):
    """Entries newest first: version, date (ISO 8601) and the CVEs each names with the line naming it."""
    entries, current = [], None
    for line in text.splitlines():
        header = HEADER.match(line)
        if header:
            current = {"version": header.group(2), "date": None, "cves": {}}
            entries.append(current)
            continue
        if current is None:
            continue
        trailer = TRAILER.match(line)
        if trailer:
            try:
                parsed = email.utils.parsedate_to_datetime(trailer.group(1).strip())
                current["date"] = parsed.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            except (TypeError, ValueError):
                pass  # an entry with a malformed date keeps none; the record's date comes from another entry
            current = None
            continue
        for cve in CVE.findall(line):
            current["cves"].setdefault(cve, line.strip().lstrip("*-+ ").strip())
    return entries


def changelog_from_deb(path, binary):
    listing = subprocess.run(["dpkg-deb", "--fsys-tarfile", path], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(listing)) as archive:
        for name in (f"./usr/share/doc/{binary}/changelog.Debian.gz", f"./usr/share/doc/{binary}/changelog.gz"):
            try:
                member = archive.getmember(name)
            except KeyError:
                continue
            if member.isfile():
                return gzip.decompress(archive.extractfile(member).read()).decode("utf-8", "replace")
    return None


def changelog_from_rootfs(rootfs, binary):
    doc = os.path.join(rootfs, "usr/share/doc", binary)
    # A doc folder may be a relative symlink to a sibling package's folder; never follow one out of the rootfs.
    if os.path.islink(doc):
        target = os.readlink(doc)
        if os.path.isabs(target) or ".." in target.split("/"):
            return None
        doc = os.path.join(rootfs, "usr/share/doc", target)
    for name in ("changelog.Debian.gz", "changelog.gz"):
        path = os.path.join(doc, name)
        if os.path.isfile(path) and not os.path.islink(path):
            return gzip.decompress(open(path, "rb").read()).decode("utf-8", "replace")
    return None


# --- records -------------------------------------------------------------------------------------------
def mentions(entries):
    """CVE -> [(entry version, date, line)] for every changelog entry naming it."""
    found = {}
    for entry in entries:
        for cve, line in entry["cves"].items():
            found.setdefault(cve, []).append((entry["version"], entry["date"], line))
    return found


def fixes(installed_log, security_log, installed, security, marker):
    """CVE -> (fixed version, date, line) for this release.

    Changelogs are histories, not version-sorted: a backport (`590-2.1~deb12u1`) carries the entry of the
    version it was built from (`590-2.1`), which sorts above it. So a CVE's fate is decided by which history
    names it, not by the highest version naming it:
      * named in the installed package's changelog: fixed at or below the installed version, at the newest
        entry naming it that is not above the installed version (the installed version itself if none is);
      * named only in the security package's changelog: fixed between the installed and the security version,
        at the oldest entry naming it in that interval that belongs to the release (MARKER in its version,
        e.g. `deb12u`), else at the security version.
    """
    result = {}
    for cve, named in mentions(installed_log).items():
        below = [m for m in named if dpkg_cmp(m[0], installed) <= 0]
        if below:
            result[cve] = max(below, key=functools.cmp_to_key(lambda a, b: dpkg_cmp(a[0], b[0])))
        else:
            result[cve] = (installed, named[0][1], named[0][2])
    for cve, named in mentions(security_log).items():
        if cve in result:
            continue
        inside = [m for m in named if dpkg_cmp(installed, m[0]) < 0 and dpkg_cmp(m[0], security) <= 0 and marker in m[0]]
        if inside:
            result[cve] = min(inside, key=functools.cmp_to_key(lambda a, b: dpkg_cmp(a[0], b[0])))
        else:
            date = next((e["date"] for e in security_log if e["version"] == security), named[0][1])
            result[cve] = (security, date, named[0][2])
    return result


class Distro:
    """What differs between Debian's and Ubuntu's OSV data."""

    def __init__(self, name, ecosystem, codename, other_ecosystem, other_codename):
        self.name, self.ecosystem, self.codename = name, ecosystem, codename
        self.other_ecosystem, self.other_codename = other_ecosystem, other_codename

    def record_id(self, cve):
        return f"{self.name.upper()}-{cve}"

    def versions_below(self, entries, fixed, count=5):
        """Ubuntu's `versions` list: the last few changelog versions below the fix (Debian has none)."""
        if self.name != "ubuntu":
            return []
        older = []
        for entry in entries:
            if len(older) == count:
                break
            if dpkg_cmp(entry["version"], fixed) < 0:
                older.append(entry["version"])
        return older

    def affected(self, ecosystem, source, fixed, older, binaries):
        """One `affected` entry as the distribution writes it: Ubuntu adds the purl with the fixed version, the
        published versions below the fix and the binaries carrying it; Debian only the source purl."""
        codename = self.codename if ecosystem == self.ecosystem else self.other_codename
        if self.name == "ubuntu":
            entry = {"package": {"ecosystem": ecosystem, "name": source,
                                 "purl": f"pkg:deb/ubuntu/{source}@{fixed}?arch=source&distro={codename}"}}
        else:
            entry = {"package": {"ecosystem": ecosystem, "name": source, "purl": f"pkg:deb/debian/{source}?arch=source"}}
        entry["ranges"] = [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": fixed}]}]
        if self.name == "ubuntu":
            # Ubuntu enumerates the versions below the fix; the changelog's last few stand in for them.
            if older:
                entry["versions"] = older
            entry["ecosystem_specific"] = {"binaries": [{"binary_name": b["package"], "binary_version": b["version"]} for b in binaries]}
        return entry


def derive(args):
    distro = Distro(args.distro, args.ecosystem, args.codename, args.other_ecosystem, args.other_suite)
    packages = installed_packages(args.rootfs)
    sources = {}
    for package in packages:
        sources.setdefault(package["source"], {"version": package["source_version"], "binaries": []})["binaries"].append(package)
    log(f"{len(packages)} installed packages from {len(sources)} source packages")
    cache = os.path.join(args.out, "archive")
    security = Suite(args.mirror_security, args.security_suite, args.keyring, cache)
    other = Suite(args.mirror_other, args.other_suite, args.other_keyring or args.keyring, cache)

    # CVE -> record under construction, from each installed source's changelog and, when the security pocket
    # has a newer version, that version's changelog.
    records, updated = {}, {}
    for source, info in sorted(sources.items()):
        installed = info["version"]
        installed_text = next(filter(None, (changelog_from_rootfs(args.rootfs, b["name"]) for b in info["binaries"])), None)
        if not installed_text:
            log(f"warning: {source} {installed}: no changelog in the rootfs, no records")
            continue
        security_text = ""
        fixed_in_security = security.newest_source_version(source)
        if fixed_in_security and dpkg_cmp(fixed_in_security, installed) > 0:
            updated[source] = fixed_in_security
            candidates = security.binaries(source, fixed_in_security)
            names = {b["name"] for b in info["binaries"]}
            candidates.sort(key=lambda b: (b["package"] not in names, b["package"]))
            for entry in candidates[:6]:
                security_text = changelog_from_deb(security.deb(entry), entry["package"])
                if security_text:
                    break
            if not security_text:
                die(f"{source} {fixed_in_security}: no changelog in the {args.security_suite} packages")
        installed_log, security_log = parse_changelog(installed_text), parse_changelog(security_text)
        entries = security_log or installed_log
        binaries = security.binaries(source, updated[source]) if source in updated else []
        other_version = other.newest_source_version(source)
        found = fixes(installed_log, security_log, installed, updated.get(source, installed), args.marker)
        for cve, (fixed, date, line) in sorted(found.items()):
            older = distro.versions_below(entries, fixed)
            record = records.setdefault(cve, {
                "id": distro.record_id(cve), "modified": date, "published": date, "aliases": [], "upstream": [cve],
                "details": f"{source} {fixed}: {line}", "affected": []})
            record["affected"].append(distro.affected(distro.ecosystem, source, fixed, older, binaries))
            # The same source in another release, at that release's current version: a range that would
            # cover the installed version if the ecosystem were ignored.
            if other_version:
                record["affected"].append(distro.affected(distro.other_ecosystem, source, other_version, [], []))
            if date and (record["modified"] is None or date > record["modified"]):
                record["modified"] = date

    # Withdrawn: a few records fixed at or below the installed version of updated sources are rewritten
    # to cover the installed version and flagged withdrawn, so only the withdrawal keeps them out.
    withdrawn = 0
    for cve in sorted(records):
        if withdrawn >= args.withdrawn:
            break
        record = records[cve]
        mine = [a for a in record["affected"] if a["package"]["ecosystem"] == distro.ecosystem]
        if len(mine) != 1 or mine[0]["package"]["name"] not in updated:
            continue
        source = mine[0]["package"]["name"]
        if dpkg_cmp(installed_fixed(mine[0]), sources[source]["version"]) > 0:
            continue
        record["affected"][record["affected"].index(mine[0])] = distro.affected(distro.ecosystem, source, updated[source], [], [])
        record["withdrawn"] = record["modified"] or "2026-01-01T00:00:00Z"
        withdrawn += 1

    pairs = []
    for cve, record in sorted(records.items()):
        for entry in record["affected"]:
            source = entry["package"]["name"]
            fixed = installed_fixed(entry)
            info = sources[source]
            below = dpkg_cmp(info["version"], fixed) < 0
            if entry["package"]["ecosystem"] != distro.ecosystem:
                why = "other release"
            elif "withdrawn" in record:
                why = "withdrawn"
            else:
                why = "fixed above installed" if below else "fixed at or below installed"
            for binary in info["binaries"]:
                pairs.append({"id": record["id"], "package": binary["name"], "version": binary["version"], "source": source,
                              "installed": info["version"], "fixed": fixed, "ecosystem": entry["package"]["ecosystem"],
                              "affected": why == "fixed above installed", "why": why})

    osv = os.path.join(args.out, "osv")
    os.makedirs(osv, exist_ok=True)
    for name in os.listdir(osv):
        os.remove(os.path.join(osv, name))
    for record in records.values():
        with open(os.path.join(osv, record["id"] + ".json"), "w") as handle:
            json.dump(record, handle, indent=1)
    affected = {(p["id"], p["package"]) for p in pairs if p["affected"]}
    summary = {
        "distro": distro.name, "ecosystem": distro.ecosystem, "packages": len(packages), "sources": len(sources),
        "updated_sources": len(updated), "records": len(records), "withdrawn": withdrawn,
        "expected_matches": len(affected),
        "must_not_match": len({(p["id"], p["package"]) for p in pairs if not p["affected"]} - affected),
        # Must-not-match pairs that a matcher would report if it ignored the ecosystem, the withdrawal, or
        # compared `<=` instead of `<` (fixed exactly at the installed version).
        "traps": {
            "other release covering the installed version": sum(
                1 for p in pairs if p["why"] == "other release" and dpkg_cmp(p["installed"], p["fixed"]) < 0),
            "withdrawn": sum(1 for p in pairs if p["why"] == "withdrawn"),
            "fixed exactly at the installed version": sum(
                1 for p in pairs if p["why"] == "fixed at or below installed" and p["fixed"] == p["installed"]),
        },
        "pairs": pairs}
    with open(os.path.join(args.out, "expected.json"), "w") as handle:
        json.dump(summary, handle, indent=1)
    log(f"{len(records)} records ({withdrawn} withdrawn) for {len(updated)} sources with security updates; "
        f"{summary['expected_matches']} expected matches, {summary['must_not_match']} pairs that must not match")
    if args.fixture:
        write_fixture(args, records, pairs, sources, distro)


def installed_fixed(entry):
    return entry["ranges"][0]["events"][1]["fixed"]


def slim(record):
    """The record without what matching ignores and makes it large: purls, Ubuntu's binaries lists, long
    details; Ubuntu's versions lists cut to two."""
    copy = json.loads(json.dumps(record))
    copy["details"] = copy["details"][:72]
    for entry in copy["affected"]:
        entry.pop("ecosystem_specific", None)
        entry["package"].pop("purl", None)
        if "versions" in entry:
            entry["versions"] = entry["versions"][:2]
    return copy


def write_fixture(args, records, pairs, sources, distro):
    """A small copy for the unit tests: every record with a match, the withdrawn ones, and per source the
    two records fixed closest below the installed version (the boundary); the status file with only the
    fields the scanner reads; os-release."""
    keep = {p["id"] for p in pairs if p["affected"] or p["why"] == "withdrawn"}
    boundary = {}
    for p in pairs:
        if p["why"] == "fixed at or below installed":
            boundary.setdefault(p["source"], set()).add((p["fixed"], p["id"]))
    for candidates in boundary.values():
        ordered = sorted(candidates, key=functools.cmp_to_key(lambda a, b: dpkg_cmp(a[0], b[0]) or (a[1] > b[1]) - (a[1] < b[1])))
        keep.update(record_id for _, record_id in ordered[-2:])
    chosen = [slim(r) for r in sorted(records.values(), key=lambda r: r["id"]) if r["id"] in keep]
    os.makedirs(args.fixture, exist_ok=True)
    with open(os.path.join(args.fixture, "osv.json"), "w") as handle:
        handle.write("[\n" + ",\n".join(json.dumps(r, sort_keys=True, separators=(",", ":")) for r in chosen) + "\n]\n")
    fields = ("package", "status", "architecture", "multi-arch", "source", "version")
    names = {"package": "Package", "status": "Status", "architecture": "Architecture", "multi-arch": "Multi-Arch",
             "source": "Source", "version": "Version"}
    out = []
    with open(os.path.join(args.rootfs, "var/lib/dpkg/status"), encoding="utf-8") as handle:
        for stanza in stanzas(handle.read()):
            out.append("".join(f"{names[f]}: {stanza[f]}\n" for f in fields if f in stanza))
    with open(os.path.join(args.fixture, "status"), "w") as handle:
        handle.write("\n".join(out))
    # os-release is usually a symlink to ../usr/lib/os-release; the fixture gets the file's content.
    for name in ("etc/os-release", "usr/lib/os-release"):
        path = os.path.join(args.rootfs, name)
        if os.path.isfile(path) and not os.path.islink(path):
            with open(path, "rb") as source, open(os.path.join(args.fixture, "os-release"), "wb") as target:
                target.write(source.read())
            break
    lines = sorted({f"{p['id']} {p['package']} {p['installed']} -> {p['fixed']}" for p in pairs if p["affected"]})
    with open(os.path.join(args.fixture, "expected.txt"), "w") as handle:
        handle.write("".join(line + "\n" for line in lines))
    log(f"fixture: {len(chosen)} records, {len(out)} packages, {len(lines)} expected matches in {args.fixture}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--distro", choices=["debian", "ubuntu"], required=True)
    parser.add_argument("--rootfs", required=True, help="root filesystem built from the release's main pocket")
    parser.add_argument("--out", required=True, help="folder for osv/, expected.json and the downloads")
    parser.add_argument("--ecosystem", required=True, help="OSV ecosystem of the release, e.g. Debian:12")
    parser.add_argument("--codename", required=True, help="release codename (Ubuntu purls)")
    parser.add_argument("--mirror-security", required=True)
    parser.add_argument("--security-suite", required=True, help="e.g. bookworm-security")
    parser.add_argument("--mirror-other", required=True)
    parser.add_argument("--other-suite", required=True, help="a newer release's suite, e.g. trixie")
    parser.add_argument("--other-ecosystem", required=True, help="its OSV ecosystem, e.g. Debian:13")
    parser.add_argument("--keyring", required=True, help="keyring that signs the security suite")
    parser.add_argument("--other-keyring", help="keyring for the other suite (default --keyring)")
    parser.add_argument("--marker", default="", help="text in the versions of the release's own uploads, e.g. deb12u")
    parser.add_argument("--withdrawn", type=int, default=5, help="records to turn into withdrawn ones")
    parser.add_argument("--fixture", help="also write the small unit-test copy to this folder")
    derive(parser.parse_args())


if __name__ == "__main__":
    main()
