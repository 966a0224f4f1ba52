#!/usr/bin/env python3
"""Generate a deterministic corpus of Dockerfiles for the eksguard `scan dockerfile` benchmark.

Writes COUNT files (default 1000) into OUT (default bench/.work/dockerfiles), one per service
folder: svc-0001/Dockerfile, svc-0002/Dockerfile, ... About 4% are named `<role>.Dockerfile`
and about 3% `Containerfile` instead. Each file has 20-60 lines and looks like something a team
would write: debian/ubuntu (apt-get), alpine (apk), centos/rhel/fedora/amazonlinux
(yum/dnf/microdnf) bases; python (pip), node (npm/yarn), go, java (maven/gradle), ruby
(gem/bundle) and rust (cargo) stacks; multi-stage builds with aliases and COPY --from; ARG/ENV,
LABEL, USER, WORKDIR, EXPOSE, HEALTHCHECK; CMD/ENTRYPOINT in exec and shell form; line
continuations, some RUN heredocs, comments and `# hadolint ignore=` pragmas.

Lint problems are planted at realistic rates: latest or missing tags, unpinned packages,
apt-get install without -y, no --no-install-recommends, no apt/yum/dnf cache cleanup, `cd` in
RUN, sudo, curl | sh, ADD for local files, running as root (USER root or no USER at all), shell
form CMD, MAINTAINER, relative WORKDIR, `apt` instead of `apt-get`, pipes without pipefail,
consecutive RUNs. The --stats file counts how many files got each of them.

The same --count and --seed always give byte-identical output. Python 3 standard library only.
"""

import corpus_cli
import os
import random
import sys

# --- rates of the planted problems (per file or per occurrence, as noted) ---------------------
P_LATEST = 0.07          # FROM image:latest (per FROM)
P_NO_TAG = 0.03          # FROM image with no tag at all (per FROM)
P_UNPINNED = 0.55        # OS packages installed without versions (per install command)
P_LANG_UNPINNED = 0.45   # pip/npm/gem/go/cargo packages without versions (per install command)
P_NO_YES = 0.06          # apt-get/yum/dnf install without -y (per install command)
P_NO_RECOMMENDS = 0.40   # apt-get install without --no-install-recommends (per install)
P_NO_CLEANUP = 0.30      # no rm -rf /var/lib/apt/lists/*, yum clean all, ... (per install)
P_CD = 0.10              # RUN cd dir && ... (per file)
P_SUDO = 0.03            # sudo in a RUN (per file)
P_CURL_SH = 0.05         # curl ... | sh (per file)
P_ADD = 0.10             # ADD for a local file or folder (per file)
P_USER_ROOT = 0.08       # USER root as the last USER (per file)
P_NO_USER = 0.30         # no USER instruction in the final stage (per file)
P_SHELL_CMD = 0.25       # CMD / ENTRYPOINT in shell form (per file)
P_MAINTAINER = 0.03      # deprecated MAINTAINER (per file)
P_RELATIVE_WORKDIR = 0.03
P_APT = 0.03             # `apt install` instead of apt-get
P_PIPE = 0.06            # a pipe without `set -o pipefail` (besides curl | sh)
P_HEREDOC = 0.07         # RUN <<EOF (per file)
P_PRAGMA = 0.10          # `# hadolint ignore=...` above an instruction (per file)
P_GLOBAL_PRAGMA = 0.02   # `# hadolint global ignore=...` (per file)
P_HEALTHCHECK = 0.45     # a HEALTHCHECK in the final stage (per file)
P_SYNTAX = 0.25          # `# syntax=docker/dockerfile:1` directive (always with heredocs)

MIN_LINES, MAX_LINES = 20, 60

STACKS = [
    # stack, weight
    ("debian-apt", 12), ("ubuntu-apt", 8), ("alpine-apk", 8), ("rhel-yum", 6), ("fedora-dnf", 3),
    ("ubi-microdnf", 3), ("amazonlinux", 4), ("python", 14), ("node", 12), ("go", 10),
    ("java-maven", 5), ("java-gradle", 4), ("ruby", 5), ("rust", 6),
]

SERVICES = ["api", "web", "worker", "gateway", "billing", "auth", "catalog", "orders", "cart",
            "notifier", "scheduler", "indexer", "exporter", "agent", "proxy", "reporter", "ingest",
            "stream", "frontend", "backend", "ledger", "inventory", "mailer", "thumbnailer", "search"]
TEAMS = ["payments", "checkout", "identity", "platform", "data", "ml", "growth", "infra"]
REGISTRIES = ["", "", "", "docker.io/library/", "public.ecr.aws/docker/library/",
              "123456789012.dkr.ecr.us-east-1.amazonaws.com/mirror/", "mirror.gcr.io/library/"]

APT_PACKAGES = {
    "debian": [("curl", "7.88.1-10+deb12u5"), ("ca-certificates", "20230311"), ("git", "1:2.39.2-1.1"),
               ("tzdata", "2024a-0+deb12u1"), ("libpq5", "15.6-0+deb12u1"), ("gnupg", "2.2.40-1.1"),
               ("unzip", "6.0-28"), ("jq", "1.6-2.1"), ("netcat-openbsd", "1.219-1"), ("wget", "1.21.3-1+b2"),
               ("procps", "2:4.0.2-3"), ("dumb-init", "1.2.5-2"), ("tini", "0.19.0-1"), ("openssl", "3.0.11-1~deb12u2"),
               ("locales", "2.36-9+deb12u4"), ("libxml2", "2.9.14+dfsg-1.3~deb12u1")],
    "ubuntu": [("curl", "7.81.0-1ubuntu1.15"), ("ca-certificates", "20230311ubuntu0.22.04.1"),
               ("git", "1:2.34.1-1ubuntu1.10"), ("tzdata", "2024a-0ubuntu0.22.04"), ("gnupg", "2.2.27-3ubuntu2.1"),
               ("unzip", "6.0-26ubuntu3.2"), ("jq", "1.6-2.1ubuntu3"), ("wget", "1.21.2-2ubuntu1"),
               ("python3", "3.10.6-1~22.04"), ("python3-pip", "22.0.2+dfsg-1ubuntu0.4"), ("libssl3", "3.0.2-0ubuntu1.15"),
               ("software-properties-common", "0.99.22.9"), ("locales", "2.35-0ubuntu3.6")],
}
APT_BUILD = [("build-essential", "12.9"), ("libssl-dev", "3.0.11-1~deb12u2"), ("pkg-config", "1.8.1-1"),
             ("libpq-dev", "15.6-0+deb12u1"), ("gcc", "4:12.2.0-3"), ("make", "4.3-4.1")]
APK_PACKAGES = [("curl", "8.5.0-r0"), ("ca-certificates", "20240226-r0"), ("tzdata", "2024a-r0"), ("bash", "5.2.21-r0"),
                ("git", "2.43.0-r0"), ("openssl", "3.1.4-r5"), ("tini", "0.19.0-r2"), ("su-exec", "0.2-r3"),
                ("libpq", "16.2-r0"), ("jq", "1.7.1-r0"), ("libstdc++", "13.2.1_git20231014-r0"), ("icu-libs", "74.1-r0")]
APK_BUILD = [("build-base", "0.5-r3"), ("musl-dev", "1.2.4_git20230717-r4"), ("openssl-dev", "3.1.4-r5"),
             ("gcc", "13.2.1_git20231014-r0"), ("linux-headers", "6.5-r0")]
RPM_PACKAGES = [("httpd", "2.4.57"), ("curl", "7.76.1"), ("shadow-utils", "4.9"), ("tar", "1.34"), ("gzip", "1.12"),
                ("python3", "3.9.18"), ("java-17-openjdk-headless", "17.0.10.0.7"), ("procps-ng", "3.3.17"),
                ("findutils", "4.8.0"), ("unzip", "6.0"), ("which", "2.21"), ("hostname", "3.23"),
                ("openssl", "3.0.7"), ("git", "2.39.3"), ("jq", "1.6")]
PIP_PACKAGES = [("flask", "3.0.2"), ("gunicorn", "21.2.0"), ("requests", "2.31.0"), ("uvicorn", "0.27.1"),
                ("fastapi", "0.110.0"), ("boto3", "1.34.51"), ("psycopg2-binary", "2.9.9"), ("celery", "5.3.6"),
                ("pydantic", "2.6.3"), ("redis", "5.0.2"), ("sqlalchemy", "2.0.28"), ("pip", "24.0"), ("wheel", "0.42.0")]
NPM_PACKAGES = [("express", "4.18.2"), ("pm2", "5.3.1"), ("typescript", "5.4.2"), ("serve", "14.2.1"),
                ("nodemon", "3.1.0"), ("pnpm", "8.15.4"), ("@nestjs/cli", "10.3.2")]
GEM_PACKAGES = [("bundler", "2.5.6"), ("rails", "7.1.3"), ("puma", "6.4.2"), ("foreman", "0.87.2")]
GO_TOOLS = [("github.com/go-delve/delve/cmd/dlv", "v1.22.1"), ("github.com/swaggo/swag/cmd/swag", "v1.16.3"),
            ("github.com/grpc-ecosystem/grpc-health-probe", "v0.4.25")]
CARGO_TOOLS = [("cargo-chef", "0.1.62"), ("sqlx-cli", "0.7.3"), ("cargo-auditable", "0.6.2")]
PORTS = [80, 3000, 4000, 5000, 8000, 8080, 8081, 8443, 9000, 9090, 9102]
PRAGMAS = ["DL3008", "DL3018", "DL3013", "DL3016", "DL3003", "DL3059", "DL4006", "DL3033", "DL3041", "DL3028",
           "DL3008,DL3015", "DL3009", "DL3002"]


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.cur_problems = set()   # planted problems of the file being rendered
        self.cur_features = set()
        self.cur_rpm_tool = "yum"

    # --- bookkeeping ----------------------------------------------------------------------------
    def flag(self, name):
        self.cur_problems.add(name)

    def feature(self, name):
        self.cur_features.add(name)

    def chance(self, p, problem=None):
        hit = self.rng.random() < p
        if hit and problem:
            self.flag(problem)
        return hit

    def pick_weighted(self, items):
        total = sum(w for _, w in items)
        roll = self.rng.uniform(0, total)
        for item, w in items:
            roll -= w
            if roll <= 0:
                return item
        return items[-1][0]

    # --- pieces ---------------------------------------------------------------------------------
    def image(self, name, tag):
        """FROM reference; sometimes :latest or no tag at all."""
        rng = self.rng
        reg = rng.choice(REGISTRIES) if "/" not in name else ""
        if self.chance(P_LATEST, "latest-tag"):
            return "%s%s:latest" % (reg, name)
        if self.chance(P_NO_TAG, "untagged-image"):
            return reg + name
        if rng.random() < 0.06:
            digest = "%064x" % rng.getrandbits(256)
            return "%s%s:%s@sha256:%s" % (reg, name, tag, digest)
        return "%s%s:%s" % (reg, name, tag)

    def packages(self, table, n, pinned, sep):
        chosen = self.rng.sample(table, min(n, len(table)))
        return [("%s%s%s" % (p, sep, v)) if pinned else p for p, v in chosen]

    @staticmethod
    def continued(head, words, tail=None, per_line=3, indent="    "):
        """A RUN split over lines with backslash continuations."""
        lines = [head + " \\"]
        for i in range(0, len(words), per_line):
            lines.append(indent + " ".join(words[i:i + per_line]) + " \\")
        if tail:
            for t in tail:
                lines.append(indent + t + " \\")
        lines[-1] = lines[-1][:-2]
        return "\n".join(lines)

    def apt_install(self, family, build=False):
        rng = self.rng
        pinned = not self.chance(P_UNPINNED, "unpinned-os-packages")
        table = APT_PACKAGES[family] + (APT_BUILD if build else [])
        pkgs = self.packages(table, rng.randint(2, 6), pinned, "=")
        tool = "apt" if self.chance(P_APT, "apt-not-apt-get") else "apt-get"
        opts = []
        if not self.chance(P_NO_YES, "install-without-yes"):
            opts.append(rng.choice(["-y", "-y", "-yq", "--yes", "-qq -y"]))
        if not self.chance(P_NO_RECOMMENDS, "install-recommends"):
            opts.append("--no-install-recommends")
        cleanup = not self.chance(P_NO_CLEANUP, "no-cache-cleanup")
        head = "RUN %s update && %s install %s" % (tool, tool, " ".join(opts))
        tail = ["&& rm -rf /var/lib/apt/lists/*"] if cleanup else []
        if cleanup and rng.random() < 0.3:
            tail.insert(0, "&& apt-get clean")
        if rng.random() < 0.15 and not build:
            self.feature("debian-frontend-env")
            head = "RUN %s update && DEBIAN_FRONTEND=noninteractive %s install %s" % (tool, tool, " ".join(opts))
        if len(pkgs) <= 2 and not tail and rng.random() < 0.5:
            return "%s %s" % (head.replace("  ", " "), " ".join(pkgs))
        return self.continued(head.replace("  ", " ").rstrip(), pkgs, tail, per_line=rng.choice([1, 2, 3]))

    def apk_add(self, build=False):
        rng = self.rng
        pinned = not self.chance(P_UNPINNED, "unpinned-os-packages")
        pkgs = self.packages(APK_PACKAGES + (APK_BUILD if build else []), rng.randint(2, 5), pinned, "=")
        if self.chance(P_NO_CLEANUP, "no-cache-cleanup"):
            head = "RUN apk update && apk add" if rng.random() < 0.5 else "RUN apk add"
        else:
            head = "RUN apk add --no-cache"
        if build and rng.random() < 0.4:
            head = "RUN apk add --no-cache --virtual .build-deps"
        return self.continued(head, pkgs, per_line=rng.choice([2, 3, 5]))

    def rpm_install(self, tool):
        rng = self.rng
        pinned = not self.chance(P_UNPINNED, "unpinned-os-packages")
        pkgs = self.packages(RPM_PACKAGES, rng.randint(2, 5), pinned, "-")
        yes = "" if self.chance(P_NO_YES, "install-without-yes") else " -y"
        extra = ""
        if tool == "microdnf" and rng.random() < 0.5:
            extra = " --nodocs --setopt=install_weak_deps=0"
        elif tool in ("dnf", "yum") and rng.random() < 0.3:
            extra = " --setopt=tsflags=nodocs"
        tail = []
        if not self.chance(P_NO_CLEANUP, "no-cache-cleanup"):
            tail = ["&& %s clean all" % tool]
            if tool != "microdnf" and rng.random() < 0.4:
                tail.append("&& rm -rf /var/cache/%s" % tool)
        update = "yum update -y && " if tool == "yum" and rng.random() < 0.2 else ""
        head = "RUN %s%s install%s" % (update, tool, yes + extra)
        return self.continued(head, pkgs, tail, per_line=rng.choice([2, 3]))

    def pip_install(self):
        rng = self.rng
        roll = rng.random()
        nocache = " --no-cache-dir" if rng.random() < 0.6 else ""
        if roll < 0.5:
            return "RUN pip install%s -r requirements.txt" % nocache
        pinned = not self.chance(P_LANG_UNPINNED, "unpinned-lang-packages")
        pkgs = self.packages(PIP_PACKAGES, rng.randint(1, 4), pinned, "==")
        return "RUN pip install%s %s" % (nocache, " ".join(pkgs))

    def npm_global(self):
        pinned = not self.chance(P_LANG_UNPINNED, "unpinned-lang-packages")
        pkgs = self.packages(NPM_PACKAGES, self.rng.randint(1, 2), pinned, "@")
        return "RUN npm install -g %s" % " ".join(pkgs)

    def gem_install(self):
        rng = self.rng
        if self.chance(P_LANG_UNPINNED, "unpinned-lang-packages"):
            return "RUN gem install %s" % " ".join(self.packages(GEM_PACKAGES, rng.randint(1, 2), False, ""))
        name, ver = rng.choice(GEM_PACKAGES)
        return rng.choice(["RUN gem install %s -v %s" % (name, ver), "RUN gem install %s:%s" % (name, ver),
                           "RUN gem install %s --version %s --no-document" % (name, ver)])

    def labels(self, svc, team):
        rng = self.rng
        roll = rng.random()
        if roll < 0.25:
            return []
        if roll < 0.5:
            return ['LABEL maintainer="%s-team@example.com"' % team]
        items = ['org.opencontainers.image.title="%s"' % svc,
                 'org.opencontainers.image.source="https://github.com/acme/%s"' % svc,
                 'org.opencontainers.image.vendor="ACME Corp"',
                 'org.opencontainers.image.licenses="Apache-2.0"',
                 'com.acme.team="%s"' % team]
        items = items[:rng.randint(2, len(items))]
        if rng.random() < 0.5:
            return ["LABEL " + " \\\n      ".join(items)]
        return ["LABEL " + i for i in items]

    def runtime_tail(self, svc, team, port, cmd_exec, cmd_shell, user_line, healthcheck=True, entry=None):
        """The end of a final stage: EXPOSE, HEALTHCHECK, USER, CMD/ENTRYPOINT."""
        rng = self.rng
        out = []
        if port:
            out.append("EXPOSE %d" % port if rng.random() < 0.85 else "EXPOSE %d/tcp" % port)
        if healthcheck and port and self.chance(P_HEALTHCHECK):
            self.feature("healthcheck")
            probe = rng.choice(["curl -fsS http://localhost:%d/healthz || exit 1" % port,
                                "wget -qO- http://127.0.0.1:%d/health || exit 1" % port])
            opts = rng.choice(["", "--interval=30s --timeout=3s ", "--interval=15s --timeout=5s --start-period=20s --retries=3 "])
            out.append("HEALTHCHECK %sCMD %s" % (opts, probe))
        elif healthcheck and rng.random() < 0.05:
            out.append("HEALTHCHECK NONE")
        root = self.chance(P_USER_ROOT, "user-root")
        if root:
            out.append("USER root")
        elif not self.chance(P_NO_USER, "no-user"):
            out.append(user_line)
        if entry and rng.random() < 0.5:
            out.append('ENTRYPOINT ["%s"]' % '", "'.join(entry))
        if self.chance(P_SHELL_CMD, "shell-form-cmd"):
            out.append(("ENTRYPOINT " if rng.random() < 0.3 and not entry else "CMD ") + cmd_shell)
        else:
            out.append('CMD ["%s"]' % '", "'.join(cmd_exec))
        return out

    def env_block(self, pairs):
        rng = self.rng
        if len(pairs) > 1 and rng.random() < 0.5:
            return ["ENV " + " \\\n    ".join("%s=%s" % kv for kv in pairs)]
        if rng.random() < 0.1:
            return ["ENV %s %s" % kv for kv in pairs]  # legacy `ENV key value` form
        return ["ENV %s=%s" % kv for kv in pairs]

    def useradd(self, family):
        rng = self.rng
        uid = rng.choice([1000, 1001, 10001, 65532])
        if family == "alpine":
            return "RUN addgroup -S app && adduser -S -G app -u %d app" % uid
        if family == "rpm":
            return "RUN groupadd -r app && useradd -r -g app -u %d app" % uid
        if rng.random() < 0.05:
            self.flag("useradd-without-l")
            return "RUN useradd -u 1234567 -m app"
        return "RUN groupadd --system app && useradd --system --gid app --uid %d --no-create-home app" % uid

    def misc_runs(self, family):
        """Optional extra RUNs that plant the per-file problems."""
        rng = self.rng
        out = []
        if self.chance(P_CD, "cd-in-run"):
            out.append(rng.choice(["RUN cd /app && make install", "RUN cd /tmp && tar xzf assets.tgz && rm assets.tgz",
                                   "RUN cd /opt/app && ./configure && make"]))
        if self.chance(P_SUDO, "sudo"):
            out.append(rng.choice(["RUN sudo chown -R app:app /app", "RUN sudo mkdir -p /var/log/app"]))
        if self.chance(P_CURL_SH, "curl-pipe-sh"):
            out.append(rng.choice(["RUN curl -fsSL https://get.example.sh/install.sh | sh",
                                   "RUN curl -sL https://deb.nodesource.com/setup_20.x | bash -",
                                   "RUN wget -qO- https://install.acme.dev | bash -s -- --yes"]))
        if self.chance(P_PIPE, "pipe-without-pipefail"):
            out.append(rng.choice(["RUN cat /etc/os-release | grep VERSION > /build-os.txt",
                                   "RUN find /app -name '*.pyc' | xargs rm -f"]))
        return out

    def heredoc(self, family):
        self.feature("heredoc")
        body = {"apt": ["apt-get update", "apt-get install -y --no-install-recommends ca-certificates curl",
                        "rm -rf /var/lib/apt/lists/*"],
                "alpine": ["apk add --no-cache ca-certificates tzdata", "update-ca-certificates"],
                "rpm": ["mkdir -p /app/data /app/logs", "chmod 0750 /app/data /app/logs"]}[family]
        # hadolint 2.15's parser fails (DL1000, no rules run) when an instruction or comment directly
        # follows a heredoc's terminator, so a blank line always follows it.
        if self.rng.random() < 0.5:
            lines = ["RUN <<EOF", "set -eux"] + body + ["EOF", ""]
        else:
            lines = ["RUN <<-EOT bash", "\tset -euo pipefail"] + ["\t" + b for b in body] + ["EOT", ""]
        return ["\n".join(lines)]

    def copy_app(self, src=". .", chown=None):
        if self.chance(P_ADD, "add-instead-of-copy"):
            return "ADD %s" % src
        if chown:
            return "COPY --chown=%s %s" % (chown, src)
        return "COPY %s" % src

    # --- stacks ---------------------------------------------------------------------------------
    def stack(self, kind, svc, team):
        """Returns (directive lines, list of stages); each stage a list of instruction strings."""
        rng = self.rng
        port = rng.choice(PORTS)
        fn = getattr(self, "stack_" + kind.replace("-", "_"))
        return fn(svc, team, port)

    def os_stage(self, family, base, svc, team, port):
        rng = self.rng
        st = ["FROM %s" % base]
        st += self.labels(svc, team)
        if family == "apt" and rng.random() < 0.3:
            st.append('SHELL ["/bin/bash", "-o", "pipefail", "-c"]')
        st += self.env_block([("APP_HOME", "/opt/%s" % svc), ("LANG", "C.UTF-8")][:rng.randint(1, 2)])
        if self.chance(P_HEREDOC):
            st += self.heredoc(family)
        elif family == "apt":
            st.append(self.apt_install(base.split(":")[0].rsplit("/", 1)[-1] if "ubuntu" in base else "debian"))
        elif family == "alpine":
            st.append(self.apk_add())
        else:
            st.append(self.rpm_install(self.cur_rpm_tool))
        st.append(self.useradd(family if family != "apt" else "apt"))
        st.append("WORKDIR /opt/%s" % svc if not self.chance(P_RELATIVE_WORKDIR, "relative-workdir") else "WORKDIR app")
        st.append(self.copy_app("bin/%s /usr/local/bin/%s" % (svc, svc)))
        st.append(self.copy_app("config/ /etc/%s/" % svc, chown="app:app" if rng.random() < 0.4 else None))
        st += self.misc_runs(family)
        if rng.random() < 0.4:
            st.append("RUN chmod +x /usr/local/bin/%s && mkdir -p /var/lib/%s" % (svc, svc))
        if rng.random() < 0.3:
            st.append("VOLUME /var/lib/%s" % svc)
        st += self.runtime_tail(svc, team, port, ["/usr/local/bin/%s" % svc, "--config", "/etc/%s/config.yaml" % svc],
                                "/usr/local/bin/%s --config /etc/%s/config.yaml" % (svc, svc), "USER app",
                                entry=["/usr/bin/tini", "--"] if rng.random() < 0.2 else None)
        return [st]

    def stack_debian_apt(self, svc, team, port):
        tag = self.rng.choice(["bookworm-slim", "12-slim", "bookworm", "bullseye-slim", "12.5"])
        return self.os_stage("apt", self.image("debian", tag), svc, team, port)

    def stack_ubuntu_apt(self, svc, team, port):
        tag = self.rng.choice(["22.04", "jammy", "24.04", "noble-20240225", "20.04"])
        return self.os_stage("apt", self.image("ubuntu", tag), svc, team, port)

    def stack_alpine_apk(self, svc, team, port):
        tag = self.rng.choice(["3.19", "3.19.1", "3.18", "3.20"])
        return self.os_stage("alpine", self.image("alpine", tag), svc, team, port)

    def stack_rhel_yum(self, svc, team, port):
        base = self.rng.choice([("centos", "7"), ("centos", "centos7.9.2009"), ("registry.access.redhat.com/ubi8/ubi", "8.9"),
                                ("rockylinux", "8.9"), ("oraclelinux", "8-slim")])
        self.cur_rpm_tool = "yum"
        return self.os_stage("rpm", self.image(*base), svc, team, port)

    def stack_fedora_dnf(self, svc, team, port):
        base = self.rng.choice([("fedora", "39"), ("fedora", "40"), ("registry.access.redhat.com/ubi9/ubi", "9.3"),
                                ("almalinux", "9.3")])
        self.cur_rpm_tool = "dnf"
        return self.os_stage("rpm", self.image(*base), svc, team, port)

    def stack_ubi_microdnf(self, svc, team, port):
        base = self.rng.choice([("registry.access.redhat.com/ubi9/ubi-minimal", "9.3"),
                                ("registry.access.redhat.com/ubi8/ubi-minimal", "8.9")])
        self.cur_rpm_tool = "microdnf"
        return self.os_stage("rpm", self.image(*base), svc, team, port)

    def stack_amazonlinux(self, svc, team, port):
        tag = self.rng.choice(["2023", "2023.3.20240219.0", "2"])
        self.cur_rpm_tool = "yum" if tag == "2" else "dnf"
        return self.os_stage("rpm", self.image("amazonlinux", tag), svc, team, port)

    def stack_python(self, svc, team, port):
        rng = self.rng
        ver = rng.choice(["3.12", "3.11", "3.10"])
        variant = rng.choice(["slim", "slim-bookworm", "alpine", ""])
        base = self.image("python", ver + ("-" + variant if variant else ""))
        stages = []
        multi = rng.random() < 0.35
        if multi:
            b = ["FROM %s AS builder" % base, "WORKDIR /build"]
            b.append("COPY requirements.txt .")
            b.append("RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt")
            stages.append(b)
        st = ["FROM %s" % base] + self.labels(svc, team)
        st += self.env_block([("PYTHONDONTWRITEBYTECODE", "1"), ("PYTHONUNBUFFERED", "1"),
                              ("PIP_DISABLE_PIP_VERSION_CHECK", "1")][:rng.randint(1, 3)])
        if variant == "alpine":
            st.append(self.apk_add(build=True))
        elif rng.random() < 0.6:
            st.append(self.apt_install("debian", build=rng.random() < 0.4))
        st.append("WORKDIR /app" if not self.chance(P_RELATIVE_WORKDIR, "relative-workdir") else "WORKDIR app")
        if multi:
            st.append("COPY --from=builder /wheels /wheels")
            st.append("RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels")
        else:
            st.append("COPY requirements.txt .")
            st.append(self.pip_install())
        if rng.random() < 0.3:
            st.append(self.pip_install())
        st.append(self.useradd("alpine" if variant == "alpine" else "apt"))
        st.append(self.copy_app(". .", chown="app:app" if rng.random() < 0.5 else None))
        st += self.misc_runs("apt")
        app = rng.choice(["app:app", "%s.main:app" % svc, "wsgi:application"])
        if rng.random() < 0.5:
            cmd = ["gunicorn", "--bind", "0.0.0.0:%d" % port, "--workers", "4", app]
        else:
            cmd = ["uvicorn", app, "--host", "0.0.0.0", "--port", str(port)]
        st += self.runtime_tail(svc, team, port, cmd, " ".join(cmd), "USER app")
        stages.append(st)
        return stages

    def stack_node(self, svc, team, port):
        rng = self.rng
        ver = rng.choice(["20", "20.11", "18", "21", "22"])
        variant = rng.choice(["alpine", "bookworm-slim", "slim", "alpine3.19", ""])
        base = self.image("node", ver + ("-" + variant if variant else ""))
        yarn = rng.random() < 0.35
        stages = []
        b = ["FROM %s AS deps" % base, "WORKDIR /app"]
        if yarn:
            b.append("COPY package.json yarn.lock ./")
            if rng.random() < 0.5:
                b.append("RUN yarn install --frozen-lockfile --production && yarn cache clean")
            else:
                self.flag("yarn-no-cache-clean")
                b.append("RUN yarn install --frozen-lockfile")
        else:
            b.append("COPY package.json package-lock.json ./")
            b.append(rng.choice(["RUN npm ci --omit=dev", "RUN npm ci", "RUN npm install --production"]))
        stages.append(b)
        if rng.random() < 0.6:
            bb = ["FROM deps AS build", "COPY . ."]
            if rng.random() < 0.3:
                bb.append(self.npm_global())
            bb.append("RUN yarn build" if yarn else "RUN npm run build")
            stages.append(bb)
            built = "build"
        else:
            built = None
        st = ["FROM %s AS runtime" % base] + self.labels(svc, team)
        st += self.env_block([("NODE_ENV", "production"), ("PORT", str(port))][:rng.randint(1, 2)])
        if "alpine" in variant and rng.random() < 0.5:
            st.append(self.apk_add())
        elif variant and "alpine" not in variant and rng.random() < 0.4:
            st.append(self.apt_install("debian"))
        if rng.random() < 0.25:
            st.append(self.npm_global())
        st.append("WORKDIR /app" if not self.chance(P_RELATIVE_WORKDIR, "relative-workdir") else "WORKDIR app")
        st.append("COPY --from=deps /app/node_modules ./node_modules")
        if built:
            st.append("COPY --from=build /app/dist ./dist")
        st.append(self.copy_app(". .", chown="node:node" if rng.random() < 0.5 else None))
        st += self.misc_runs("apt")
        main = "dist/main.js" if built else "server.js"
        st += self.runtime_tail(svc, team, port, ["node", main], "node %s" % main if rng.random() < 0.7 else "npm start",
                                "USER node", entry=["docker-entrypoint.sh"] if rng.random() < 0.1 else None)
        stages.append(st)
        return stages

    def stack_go(self, svc, team, port):
        rng = self.rng
        gover = rng.choice(["1.22", "1.21", "1.22.1", "1.22-alpine", "1.21-bookworm"])
        stages = []
        b = ["FROM %s AS build" % self.image("golang", gover)]
        b.append("ARG TARGETOS=linux")
        b.append("ARG TARGETARCH=amd64")
        b.append("ARG VERSION=dev")
        b.append("WORKDIR /src")
        b.append("COPY go.mod go.sum ./")
        b.append("RUN go mod download")
        if rng.random() < 0.3:
            if self.chance(P_LANG_UNPINNED, "unpinned-lang-packages"):
                b.append("RUN go install %s@latest" % rng.choice(GO_TOOLS)[0])
            else:
                b.append("RUN go install %s@%s" % rng.choice(GO_TOOLS))
        b.append("COPY . .")
        b.append(self.continued("RUN CGO_ENABLED=0 GOOS=${TARGETOS} GOARCH=${TARGETARCH}",
                                ["go build -trimpath -ldflags=\"-s -w -X main.version=${VERSION}\"",
                                 "-o /out/%s ./cmd/%s" % (svc, svc)], per_line=1))
        stages.append(b)
        final = rng.choice(["distroless", "distroless", "alpine", "scratch", "debian"])
        if final == "distroless":
            st = ["FROM gcr.io/distroless/static-debian12%s" % rng.choice([":nonroot", "", ":latest"])]
            if st[0].endswith(":latest"):
                self.flag("latest-tag")
            user = "USER nonroot:nonroot"
        elif final == "scratch":
            st = ["FROM scratch", "COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/"]
            user = "USER 65532:65532"
        elif final == "alpine":
            st = ["FROM %s" % self.image("alpine", "3.19"), self.apk_add(), "RUN adduser -D -u 10001 app"]
            user = "USER app"
        else:
            st = ["FROM %s" % self.image("debian", "bookworm-slim"), self.apt_install("debian")]
            user = "USER 10001"
        st = st[:1] + ["ARG VERSION=dev"] + self.labels(svc, team) + st[1:]
        st.append("COPY --from=build /out/%s /usr/local/bin/%s" % (svc, svc))
        if final in ("alpine", "debian"):
            st += self.misc_runs("apt")
        st += self.runtime_tail(svc, team, port, ["/usr/local/bin/%s" % svc, "serve"], "/usr/local/bin/%s serve" % svc, user,
                                healthcheck=final in ("alpine", "debian"))
        stages.append(st)
        return stages

    def stack_java_maven(self, svc, team, port):
        rng = self.rng
        jdk = rng.choice(["21", "17"])
        b = ["FROM %s AS build" % self.image("maven", "3.9-eclipse-temurin-%s" % jdk), "WORKDIR /workspace"]
        b.append("COPY pom.xml .")
        b.append("RUN mvn -B -q dependency:go-offline")
        b.append("COPY src ./src")
        b.append("RUN mvn -B -DskipTests package && mv target/*.jar app.jar")
        st = ["FROM %s" % self.image("eclipse-temurin", "%s-jre%s" % (jdk, rng.choice(["", "-jammy", "-alpine"])))]
        st += self.labels(svc, team)
        st += self.env_block([("JAVA_OPTS", '"-XX:MaxRAMPercentage=75 -XX:+UseG1GC"'), ("SERVER_PORT", str(port))][:rng.randint(1, 2)])
        if rng.random() < 0.4:
            st.append(self.apt_install("ubuntu"))
        st.append("WORKDIR /app")
        st.append("RUN groupadd -r spring && useradd -r -g spring spring")
        st.append("COPY --from=build /workspace/app.jar app.jar")
        st += self.misc_runs("apt")
        st += self.runtime_tail(svc, team, port, ["java", "-jar", "/app/app.jar"], "java $JAVA_OPTS -jar /app/app.jar",
                                "USER spring:spring")
        return [b, st]

    def stack_java_gradle(self, svc, team, port):
        rng = self.rng
        b = ["FROM %s AS builder" % self.image("gradle", rng.choice(["8.6-jdk21", "8.5-jdk17", "8-jdk17-alpine"])),
             "WORKDIR /home/gradle/project"]
        b.append("COPY --chown=gradle:gradle build.gradle.kts settings.gradle.kts gradle.properties ./")
        b.append("COPY --chown=gradle:gradle src ./src")
        b.append("RUN gradle bootJar --no-daemon -x test")
        st = ["FROM %s" % self.image("amazoncorretto", rng.choice(["21", "17-al2023", "21-alpine"]))]
        st += self.labels(svc, team)
        if rng.random() < 0.4:
            self.cur_rpm_tool = "dnf" if rng.random() < 0.5 else "yum"
            st.append(self.rpm_install(self.cur_rpm_tool))
        st.append("WORKDIR /app")
        st.append("COPY --from=builder /home/gradle/project/build/libs/*.jar /app/app.jar")
        st += self.misc_runs("rpm")
        st += self.runtime_tail(svc, team, port, ["java", "-jar", "/app/app.jar"], "java -jar /app/app.jar", "USER 1000")
        return [b, st]

    def stack_ruby(self, svc, team, port):
        rng = self.rng
        base = self.image("ruby", rng.choice(["3.3-slim", "3.2-slim-bookworm", "3.3-alpine", "3.1"]))
        st = ["FROM %s" % base] + self.labels(svc, team)
        st += self.env_block([("RAILS_ENV", "production"), ("BUNDLE_WITHOUT", "development:test"),
                              ("BUNDLE_DEPLOYMENT", "1")][:rng.randint(1, 3)])
        if "alpine" in base:
            st.append(self.apk_add(build=True))
        else:
            st.append(self.apt_install("debian", build=True))
        st.append("WORKDIR /rails" if not self.chance(P_RELATIVE_WORKDIR, "relative-workdir") else "WORKDIR rails")
        st.append(self.gem_install())
        st.append("COPY Gemfile Gemfile.lock ./")
        st.append("RUN bundle install --jobs 4 --retry 3 && rm -rf ~/.bundle/ \"${BUNDLE_PATH}\"/ruby/*/cache")
        st.append(self.copy_app(". ."))
        if rng.random() < 0.6:
            st.append("RUN SECRET_KEY_BASE_DUMMY=1 ./bin/rails assets:precompile")
        st.append("RUN useradd rails --create-home --shell /bin/bash && chown -R rails:rails db log storage tmp"
                  if "alpine" not in base else "RUN adduser -D rails && chown -R rails:rails db log tmp")
        st += self.misc_runs("apt")
        st += self.runtime_tail(svc, team, port, ["./bin/rails", "server", "-b", "0.0.0.0", "-p", str(port)],
                                "bundle exec puma -C config/puma.rb", "USER rails:rails",
                                entry=["/rails/bin/docker-entrypoint"] if rng.random() < 0.3 else None)
        return [st]

    def stack_rust(self, svc, team, port):
        rng = self.rng
        stages = []
        rust = self.image("rust", rng.choice(["1.77", "1.76-slim-bookworm", "1.77-alpine", "1-bookworm"]))
        chef = rng.random() < 0.3
        if chef:
            tool, ver = CARGO_TOOLS[0]
            c = ["FROM %s AS chef" % rust]
            if self.chance(P_LANG_UNPINNED, "unpinned-lang-packages"):
                c.append("RUN cargo install %s" % tool)
            else:
                c.append("RUN cargo install %s --version %s --locked" % (tool, ver))
            c.append("WORKDIR /app")
            stages.append(c)
            stages.append(["FROM chef AS planner", "COPY . .", "RUN cargo chef prepare --recipe-path recipe.json"])
            b = ["FROM chef AS builder", "COPY --from=planner /app/recipe.json recipe.json",
                 "RUN cargo chef cook --release --recipe-path recipe.json"]
        else:
            b = ["FROM %s AS builder" % rust, "WORKDIR /usr/src/%s" % svc]
            if "alpine" in rust:
                b.append(self.apk_add(build=True))
            elif rng.random() < 0.4:
                b.append(self.apt_install("debian", build=True))
        b.append("COPY . .")
        b.append("RUN cargo build --release --locked --bin %s" % svc)
        stages.append(b)
        src = "/app" if chef else "/usr/src/%s" % svc
        final = rng.choice(["debian", "distroless", "alpine"])
        if final == "debian":
            st = ["FROM %s AS runtime" % self.image("debian", "bookworm-slim"), self.apt_install("debian")]
            user = "USER 10001:10001"
        elif final == "distroless":
            st = ["FROM gcr.io/distroless/cc-debian12:nonroot AS runtime"]
            user = "USER nonroot"
        else:
            st = ["FROM %s AS runtime" % self.image("alpine", "3.19"), self.apk_add()]
            user = "USER 10001"
        st = st[:1] + self.labels(svc, team) + st[1:]
        st.append("COPY --from=builder %s/target/release/%s /usr/local/bin/%s" % (src, svc, svc))
        if final != "distroless":
            st += self.misc_runs("apt")
        st += self.runtime_tail(svc, team, port, ["/usr/local/bin/%s" % svc], "/usr/local/bin/%s" % svc, user,
                                healthcheck=final != "distroless")
        stages.append(st)
        return stages

    # --- one file -------------------------------------------------------------------------------
    def fillers(self, svc, team, has_shell):
        """Realistic extra instructions used to bring a file to its target length, as (place, text):
        "head" ones go with the stage's ARG/ENV/LABEL block, "body" ones before its run-time tail."""
        rng = self.rng
        items = [
            ("head", "ARG VERSION=%d.%d.%d" % (rng.randint(0, 3), rng.randint(0, 20), rng.randint(0, 9))),
            ("head", "ARG BUILD_DATE"), ("head", "ARG GIT_COMMIT=unknown"),
            ("head", 'LABEL com.acme.service="%s"' % svc), ("head", 'LABEL com.acme.team="%s"' % team),
            ("head", 'LABEL org.opencontainers.image.version="${VERSION}" \\\n'
                     '      org.opencontainers.image.revision="${GIT_COMMIT}"'),
            ("head", "ENV TZ=UTC"), ("head", "ENV LOG_LEVEL=info \\\n    LOG_FORMAT=json"),
            ("head", "ENV OTEL_SERVICE_NAME=%s \\\n    OTEL_EXPORTER_OTLP_ENDPOINT=http://otel-collector:4317" % svc),
            ("head", "ENV METRICS_PORT=9102"), ("body", "STOPSIGNAL SIGTERM"),
            ("head", "# Build: docker build -t %s:dev ." % svc), ("head", "# Owner: %s team, #%s-oncall" % (team, team)),
            ("head", "# Keep the runtime image small: only what the service needs at run time.\n"
                     "# Anything needed to build goes in the build stage."),
            ("body", "COPY config/logging.yaml /etc/%s/logging.yaml" % svc),
        ]
        if has_shell:
            items += [
                ("body", "RUN mkdir -p /var/log/%s /var/cache/%s" % (svc, svc)),
                ("body", "RUN ln -sf /dev/stdout /var/log/%s/access.log \\\n"
                         "    && ln -sf /dev/stderr /var/log/%s/error.log" % (svc, svc)),
                ("body", 'RUN echo "%s ${VERSION:-dev}" > /etc/%s-release' % (svc, svc)),
                ("body", "RUN set -eux; \\\n    mkdir -p /data /run/%s; \\\n    chmod 0750 /data; \\\n"
                         "    chmod 0755 /run/%s" % (svc, svc)),
                ("body", "# entrypoint: waits for dependencies, then execs the service\n"
                         "COPY docker/entrypoint.sh /usr/local/bin/docker-entrypoint.sh\n"
                         "RUN chmod 0755 /usr/local/bin/docker-entrypoint.sh"),
            ]
        else:
            items.append(("body", "COPY --chown=%s docker/entrypoint.sh /usr/local/bin/docker-entrypoint.sh"
                          % rng.choice(["0:0", "65532:65532"])))
        rng.shuffle(items)
        return items

    @staticmethod
    def head_end(stage):
        """Index of a stage's first instruction past its FROM/ARG/ENV/LABEL block."""
        i = 1
        while i < len(stage) and stage[i].split(" ", 1)[0] in ("ARG", "ENV", "LABEL", "MAINTAINER", "SHELL", "#"):
            i += 1
        return i

    @staticmethod
    def tail_start(stage):
        """Index of the first instruction of a final stage's run-time tail (EXPOSE, USER, CMD, ...)."""
        i = len(stage)
        while i > 1 and stage[i - 1].split(" ", 1)[0] in ("EXPOSE", "HEALTHCHECK", "USER", "CMD", "ENTRYPOINT"):
            i -= 1
        return i

    def render(self, kind, svc, team):
        """Returns the lines of one Dockerfile, between MIN_LINES and MAX_LINES when possible."""
        rng = self.rng
        self.cur_problems, self.cur_features = set(), set()
        self.cur_rpm_tool = "yum"
        stages = self.stack(kind, svc, team)
        final = stages[-1]
        runs = [i for i, ins in enumerate(final) if ins.startswith("RUN")]
        if runs and self.chance(P_PIPE / 2, "pipe-without-pipefail"):
            # right after the last RUN: consecutive RUNs (DL3059) and a pipe without pipefail
            final.insert(runs[-1] + 1, 'RUN echo "built $(date -u)" | tee /etc/build-info')
        if self.chance(P_MAINTAINER, "maintainer"):
            final.insert(1, "MAINTAINER %s Team <%s@example.com>" % (team.title(), team))
        # comments and at most one `# hadolint ignore=` pragma, attached to the RUN they precede
        pragma_done = False
        for st in stages:
            for i in range(len(st) - 1, 0, -1):
                if not st[i].startswith("RUN"):
                    continue
                if not pragma_done and self.chance(P_PRAGMA / 2.5):
                    self.feature("hadolint-pragma")
                    st[i] = "# hadolint ignore=%s\n%s" % (rng.choice(PRAGMAS), st[i])
                    pragma_done = True
                elif rng.random() < 0.12:
                    st[i] = "# %s\n%s" % (rng.choice(["install runtime dependencies", "build the application",
                                                       "keep the image small", "TODO: pin versions",
                                                       "see https://docs.docker.com/build/building/best-practices/"]), st[i])
        head = []
        heredoc = any(ins.startswith("RUN <<") for st in stages for ins in st)
        if heredoc or rng.random() < P_SYNTAX:
            head.append("# syntax=docker/dockerfile:1%s" % rng.choice(["", ".6", ".7"]))
        if self.chance(P_GLOBAL_PRAGMA):
            self.feature("hadolint-pragma")
            head.append("# hadolint global ignore=%s" % rng.choice(["DL3059", "DL3008,DL3009", "DL3018"]))
        if rng.random() < 0.6:
            head.append("# %s: %s service (%s team)" % (svc, kind.split("-")[0], team))
        if rng.random() < 0.3:
            head.append("ARG BASE_REGISTRY=docker.io")
        banners = [len(stages) > 1 and rng.random() < 0.4 for _ in stages]

        def flatten():
            lines = list(head)
            for si, st in enumerate(stages):
                if si:
                    lines.append("")
                if banners[si]:
                    lines.append("# ---- %s stage ----" % ("runtime" if si == len(stages) - 1 else "build"))
                for ins in st:
                    lines.extend(ins.split("\n"))
            return lines

        target = int(rng.triangular(MIN_LINES, MAX_LINES, 30))
        lines = flatten()
        if len(lines) < target:
            shells = [any(ins.startswith("RUN") for ins in st) for st in stages]
            pools = [self.fillers(svc, team, sh) for sh in shells]
            count = len(lines)
            while count < target and any(pools):
                # mostly the final stage; never into a final stage's run-time tail
                si = len(stages) - 1 if rng.random() < 0.75 or not any(pools[:-1]) else rng.randrange(len(stages) - 1)
                if not pools[si]:
                    si = next(i for i, p in enumerate(pools) if p)
                st = stages[si]
                place, ins = pools[si].pop()
                if ins.startswith("ARG ") and any(x.startswith(ins.split("=")[0]) for x in st):
                    continue  # the stage declares that ARG already
                if place == "head":
                    at = self.head_end(st)
                else:
                    at = self.tail_start(st) if si == len(stages) - 1 else len(st)
                if rng.random() < 0.15:
                    ins = "\n" + ins  # a blank line before it
                st.insert(at, ins)
                count += ins.count("\n") + 1
            lines = flatten()
        return lines

    def dockerfile(self, kind, svc, team):
        """A rendering with MIN_LINES..MAX_LINES lines (re-rendered when too long)."""
        for _ in range(50):
            lines = self.render(kind, svc, team)
            if MIN_LINES <= len(lines) <= MAX_LINES:
                return lines
        raise RuntimeError("cannot render a %s Dockerfile of %d-%d lines" % (kind, MIN_LINES, MAX_LINES))


def generate(out, count, seed):
    gen = Generator(seed)
    stacks = {}
    names = {"Dockerfile": 0, "*.Dockerfile": 0, "Containerfile": 0}
    problems = {}
    features = {}
    total_lines = 0
    min_lines, max_lines = None, 0
    width = max(4, len(str(count)))
    for i in range(1, count + 1):
        kind = gen.pick_weighted(STACKS)
        svc = gen.rng.choice(SERVICES)
        team = gen.rng.choice(TEAMS)
        lines = gen.dockerfile(kind, svc, team)
        roll = gen.rng.random()
        if roll < 0.04:
            name = "%s.Dockerfile" % gen.rng.choice(["prod", "worker", "migrate", svc])
            names["*.Dockerfile"] += 1
        elif roll < 0.07:
            name = "Containerfile"
            names["Containerfile"] += 1
        else:
            name = "Dockerfile"
            names["Dockerfile"] += 1
        path = os.path.join(out, "svc-%0*d" % (width, i), name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        stacks[kind] = stacks.get(kind, 0) + 1
        for cur, agg in ((gen.cur_problems, problems), (gen.cur_features, features)):
            for p in cur:
                agg[p] = agg.get(p, 0) + 1
        total_lines += len(lines)
        min_lines = len(lines) if min_lines is None else min(min_lines, len(lines))
        max_lines = max(max_lines, len(lines))
    return {"count": count, "seed": seed, "files": count, "lines": total_lines, "min_lines": min_lines,
            "max_lines": max_lines, "names": names, "stacks": dict(sorted(stacks.items())),
            "files_with_problem": dict(sorted(problems.items())), "files_with_feature": dict(sorted(features.items()))}


def main(argv=None):
    return corpus_cli.run(__doc__, generate, "Dockerfiles", 1000, "dockerfiles", 20240502, argv)


if __name__ == "__main__":
    sys.exit(main())
