#!/usr/bin/env python3
"""Generate a deterministic corpus of Kubernetes manifests for the eksguard benchmark.

Writes COUNT documents (default 10,000) into OUT (default bench/.work/manifests), 1-4 documents
per file separated by `---` (so about COUNT/2.5 files), spread over a few levels of subfolders.
About 88% of the documents are workloads (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
Job, CronJob, ReplicationController); the rest are Services and ConfigMaps. Pod specs range from
hardened (restricted-compliant) to plainly insecure (privileged, host namespaces, hostPath, ...).

The same --count and --seed always give byte-identical output. Python 3 standard library only.
"""

import corpus_cli
import json
import os
import random
import re
import sys

WORKLOAD_KINDS = [
    # kind, apiVersion, weight
    ("Deployment", "apps/v1", 30),
    ("StatefulSet", "apps/v1", 10),
    ("DaemonSet", "apps/v1", 8),
    ("ReplicaSet", "apps/v1", 4),
    ("Pod", "v1", 14),
    ("Job", "batch/v1", 8),
    ("CronJob", "batch/v1", 8),
    ("ReplicationController", "v1", 3),
]
OTHER_KINDS = [("Service", "v1", 7), ("ConfigMap", "v1", 5)]
OTHER_SHARE = 0.12  # share of documents that are Service / ConfigMap

NAMESPACES = ["default", "default", "payments", "checkout", "identity", "search", "platform",
              "monitoring", "logging", "ingress", "data", "ml", "batch", "kube-system", "team-a", "team-b"]
APPS = ["api", "web", "worker", "gateway", "cache", "billing", "auth", "catalog", "orders", "cart",
        "notifier", "scheduler", "indexer", "exporter", "agent", "proxy", "reporter", "ingest",
        "stream", "frontend", "backend", "ledger", "inventory", "mailer", "thumbnailer"]
SUFFIXES = ["", "-v2", "-canary", "-internal", "-edge", "-blue", "-green", "-east", "-west"]
REGISTRIES = ["", "docker.io/library/", "ghcr.io/acme/", "123456789012.dkr.ecr.us-east-1.amazonaws.com/",
              "public.ecr.aws/acme/", "quay.io/acme/", "registry.k8s.io/"]
IMAGES = ["nginx", "redis", "postgres", "busybox", "alpine", "python", "node", "golang", "envoy",
          "haproxy", "fluent-bit", "prometheus", "memcached", "rabbitmq", "api-server", "worker",
          "sidecar", "otel-collector", "vault-agent", "pause"]
CLUSTERS = ["eks-prod-use1", "eks-prod-euw1", "eks-staging", "eks-dev"]
ENVS = ["base", "overlays/dev", "overlays/staging", "overlays/prod"]
CAPS_SAFE = ["NET_BIND_SERVICE"]
CAPS_BASELINE = ["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
                 "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"]
CAPS_DANGEROUS = ["NET_ADMIN", "SYS_ADMIN", "SYS_PTRACE", "NET_RAW", "SYS_MODULE", "BPF", "ALL"]
HOST_PATHS = ["/var/run/docker.sock", "/var/log", "/proc", "/", "/etc", "/var/lib/kubelet",
              "/run/containerd/containerd.sock", "/sys/fs/cgroup"]

_PLAIN = re.compile(r"^[A-Za-z_./][A-Za-z0-9_./@=+-]*(:[A-Za-z0-9_./@=+-]+)*$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def scalar(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text)  # a JSON string is a valid double-quoted YAML scalar


def emit(value, indent, out):
    """Block-style YAML, the way kubectl / Helm print it."""
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            emit_entry(pad + scalar(key) + ":", item, indent, out)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item:
                first = True
                for key, sub in item.items():
                    prefix = (pad + "- ") if first else (pad + "  ")
                    emit_entry(prefix + scalar(key) + ":", sub, indent + 2, out)
                    first = False
            elif isinstance(item, list) and item:
                out.append(pad + "-")
                emit(item, indent + 2, out)
            else:
                out.append(pad + "- " + inline(item))
    else:
        out.append(pad + inline(value))


def emit_entry(head, item, indent, out):
    if isinstance(item, dict) and item:
        out.append(head)
        emit(item, indent + 2, out)
    elif isinstance(item, list) and item:
        out.append(head)
        emit(item, indent, out)  # sequences at the parent's indent, as kubectl does
    elif isinstance(item, str) and "\n" in item:
        out.append(head + " |")
        for line in item.rstrip("\n").split("\n"):
            out.append(" " * (indent + 2) + line if line else "")
    else:
        out.append(head + " " + inline(item))


def inline(value):
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return scalar(value)


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.serial = 0
        self.stats = {"insecure": 0, "mixed": 0, "hardened": 0}

    def pick_weighted(self, table):
        total = sum(w for _, _, w in table)
        r = self.rng.uniform(0, total)
        for kind, api, weight in table:
            r -= weight
            if r <= 0:
                return kind, api
        return table[-1][0], table[-1][1]

    def name(self):
        self.serial += 1
        return "%s%s-%d" % (self.rng.choice(APPS), self.rng.choice(SUFFIXES), self.serial)

    def image(self, profile):
        rng = self.rng
        base = rng.choice(REGISTRIES) + rng.choice(IMAGES)
        roll = rng.random()
        if profile == "insecure" and roll < 0.5:
            return base if rng.random() < 0.5 else base + ":latest"
        if roll < 0.15:
            return base + ":latest"
        if roll < 0.25:
            return base
        if roll < 0.55:
            return base + "@sha256:" + "".join(rng.choice("0123456789abcdef") for _ in range(64))
        return base + ":%d.%d.%d" % (rng.randint(1, 9), rng.randint(0, 30), rng.randint(0, 20))

    def labels(self, app, extra=True):
        labels = {"app.kubernetes.io/name": app.rsplit("-", 1)[0], "app.kubernetes.io/instance": app}
        if extra and self.rng.random() < 0.5:
            labels["app.kubernetes.io/part-of"] = self.rng.choice(["shop", "platform", "data", "core"])
            labels["app.kubernetes.io/managed-by"] = self.rng.choice(["Helm", "kustomize", "argocd"])
        return labels

    def metadata(self, name, namespace, app):
        meta = {"name": name}
        roll = self.rng.random()
        if roll < 0.85:
            meta["namespace"] = namespace  # the rest omit it, i.e. land in "default"
        meta["labels"] = self.labels(app)
        if self.rng.random() < 0.3:
            meta["annotations"] = {"eksguard.example/owner": "team-%s" % self.rng.choice("abcdefgh"),
                                   "deployment.kubernetes.io/revision": str(self.rng.randint(1, 40))}
        return meta

    def resources(self, profile):
        rng = self.rng
        if profile == "insecure" and rng.random() < 0.6:
            return None
        if profile == "mixed" and rng.random() < 0.3:
            return {"requests": {"cpu": "%dm" % rng.choice([50, 100, 250]), "memory": "%dMi" % rng.choice([64, 128, 256])}}
        return {
            "requests": {"cpu": "%dm" % rng.choice([50, 100, 250, 500]), "memory": "%dMi" % rng.choice([64, 128, 256, 512])},
            "limits": {"cpu": "%dm" % rng.choice([500, 1000, 2000]), "memory": "%dMi" % rng.choice([256, 512, 1024, 2048])},
        }

    def container_security(self, profile):
        rng = self.rng
        if profile == "hardened":
            sc = {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True, "runAsNonRoot": True,
                  "capabilities": {"drop": ["ALL"]}}
            if rng.random() < 0.3:
                sc["capabilities"]["add"] = list(CAPS_SAFE)
            if rng.random() < 0.4:
                sc["runAsUser"] = rng.choice([1000, 10001, 65532])
            if rng.random() < 0.3:
                sc["seccompProfile"] = {"type": "RuntimeDefault"}
            return sc
        if profile == "mixed":
            sc = {}
            if rng.random() < 0.6:
                sc["allowPrivilegeEscalation"] = rng.random() < 0.3
            if rng.random() < 0.5:
                sc["runAsNonRoot"] = rng.random() < 0.7
            if rng.random() < 0.5:
                caps = {"drop": ["ALL"] if rng.random() < 0.6 else ["NET_RAW"]}
                if rng.random() < 0.4:
                    caps["add"] = rng.sample(CAPS_BASELINE, rng.randint(1, 2))
                sc["capabilities"] = caps
            if rng.random() < 0.2:
                sc["readOnlyRootFilesystem"] = True
            if rng.random() < 0.1:
                sc["seccompProfile"] = {"type": rng.choice(["RuntimeDefault", "Unconfined"])}
            return sc or None
        # insecure
        sc = {}
        if rng.random() < 0.45:
            sc["privileged"] = True
        if rng.random() < 0.5:
            sc["allowPrivilegeEscalation"] = True
        if rng.random() < 0.4:
            sc["capabilities"] = {"add": rng.sample(CAPS_DANGEROUS, rng.randint(1, 3))}
        if rng.random() < 0.3:
            sc["runAsUser"] = 0
        if rng.random() < 0.15:
            sc["seccompProfile"] = {"type": "Unconfined"}
        if rng.random() < 0.1:
            sc["procMount"] = "Unmasked"
        return sc or None

    def container(self, name, profile, init=False):
        rng = self.rng
        c = {"name": name, "image": self.image(profile)}
        roll = rng.random()
        if roll < 0.5:
            c["imagePullPolicy"] = rng.choice(["IfNotPresent", "Always"])
        if init:
            c["command"] = ["sh", "-c", rng.choice(["until nslookup db; do sleep 2; done",
                                                     "cp -r /seed/. /data/", "chown -R 1000:1000 /data"])]
        else:
            if rng.random() < 0.4:
                c["args"] = ["--port=%d" % rng.choice([8080, 8443, 9090]), "--log-level=%s" % rng.choice(["info", "debug"])]
            port = rng.choice([80, 443, 3000, 5432, 6379, 8080, 8443, 9090])
            c["ports"] = [{"name": "http", "containerPort": port, "protocol": "TCP"}]
            if profile == "insecure" and rng.random() < 0.25:
                c["ports"][0]["hostPort"] = port
            if rng.random() < 0.15:
                c["ports"].append({"name": "metrics", "containerPort": 9102, "protocol": "TCP"})
            env = [{"name": "APP_ENV", "value": rng.choice(["dev", "staging", "prod"])}]
            if rng.random() < 0.3:
                env.append({"name": "LOG_FORMAT", "value": "json"})
            if rng.random() < 0.3:
                env.append({"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}})
            if rng.random() < 0.2:
                env.append({"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db-credentials", "key": "password"}}})
            if rng.random() < 0.7:
                c["env"] = env
            if rng.random() < 0.45:
                c["readinessProbe"] = {"httpGet": {"path": "/healthz", "port": port}, "initialDelaySeconds": 5, "periodSeconds": 10}
            if rng.random() < 0.3:
                c["livenessProbe"] = {"tcpSocket": {"port": port}, "failureThreshold": 3, "periodSeconds": 20}
        res = self.resources(profile)
        if res:
            c["resources"] = res
        sc = self.container_security(profile)
        if sc:
            c["securityContext"] = sc
        return c

    def pod_spec(self, profile, restart_policy=None):
        rng = self.rng
        spec = {}
        if rng.random() < 0.4:
            spec["serviceAccountName"] = rng.choice(["default", "app", "deployer", "metrics-reader"])
        if profile == "insecure":
            if rng.random() < 0.35:
                spec["hostNetwork"] = True
            if rng.random() < 0.2:
                spec["hostPID"] = True
            if rng.random() < 0.15:
                spec["hostIPC"] = True
            if rng.random() < 0.3:
                spec["automountServiceAccountToken"] = True
        elif profile == "hardened":
            spec["automountServiceAccountToken"] = False
        if restart_policy:
            spec["restartPolicy"] = restart_policy
        psc = {}
        if profile == "hardened":
            psc = {"runAsNonRoot": True, "runAsUser": rng.choice([1000, 10001, 65532]),
                   "fsGroup": 2000, "seccompProfile": {"type": rng.choice(["RuntimeDefault", "RuntimeDefault", "Localhost"])}}
            if psc["seccompProfile"]["type"] == "Localhost":
                psc["seccompProfile"]["localhostProfile"] = "profiles/audit.json"
        elif profile == "mixed":
            if rng.random() < 0.5:
                psc["runAsNonRoot"] = rng.random() < 0.8
            if rng.random() < 0.4:
                psc["seccompProfile"] = {"type": "RuntimeDefault"}
            if rng.random() < 0.3:
                psc["fsGroup"] = 2000
        else:
            if rng.random() < 0.2:
                psc["runAsUser"] = 0
            if rng.random() < 0.1:
                psc["sysctls"] = [{"name": "kernel.msgmax", "value": "65536"}]
        if psc:
            spec["securityContext"] = psc
        if rng.random() < 0.2:
            spec["initContainers"] = [self.container("init-%s" % rng.choice(["wait", "seed", "perms"]), profile, init=True)]
        roll = rng.random()
        n = 1 if roll < 0.78 else (2 if roll < 0.96 else 3)
        spec["containers"] = [self.container("main" if i == 0 else rng.choice(["sidecar", "proxy", "log-shipper"]) + str(i), profile)
                              for i in range(n)]
        volumes = []
        mounts = []
        if rng.random() < 0.5:
            volumes.append({"name": "config", "configMap": {"name": "app-config"}})
            mounts.append({"name": "config", "mountPath": "/etc/app", "readOnly": True})
        if rng.random() < 0.4:
            volumes.append({"name": "tmp", "emptyDir": {}})
            mounts.append({"name": "tmp", "mountPath": "/tmp"})
        if profile == "insecure" and rng.random() < 0.5:
            path = rng.choice(HOST_PATHS)
            volumes.append({"name": "host", "hostPath": {"path": path, "type": rng.choice(["Directory", "Socket", "DirectoryOrCreate"])}})
            mounts.append({"name": "host", "mountPath": "/host" + (path if path != "/" else "")})
        elif profile == "mixed" and rng.random() < 0.1:
            volumes.append({"name": "varlog", "hostPath": {"path": "/var/log"}})
            mounts.append({"name": "varlog", "mountPath": "/var/log", "readOnly": True})
        if mounts:
            spec["containers"][0]["volumeMounts"] = mounts
            spec["volumes"] = volumes
        if rng.random() < 0.2:
            spec["nodeSelector"] = {"kubernetes.io/os": "linux"}
        if rng.random() < 0.15:
            spec["tolerations"] = [{"key": "dedicated", "operator": "Equal", "value": "batch", "effect": "NoSchedule"}]
        return spec

    def profile(self):
        roll = self.rng.random()
        p = "hardened" if roll < 0.35 else ("mixed" if roll < 0.7 else "insecure")
        self.stats[p] += 1
        return p

    def workload(self, kind, api, namespace):
        rng = self.rng
        name = self.name()
        profile = self.profile()
        doc = {"apiVersion": api, "kind": kind, "metadata": self.metadata(name, namespace, name)}
        selector = {"matchLabels": {"app.kubernetes.io/instance": name}}
        tmeta = {"labels": self.labels(name, extra=False)}
        if rng.random() < 0.25:
            tmeta["annotations"] = {"prometheus.io/scrape": "true", "prometheus.io/port": "9102"}
        if kind == "Pod":
            doc["spec"] = self.pod_spec(profile)
        elif kind in ("Deployment", "StatefulSet", "ReplicaSet", "DaemonSet"):
            spec = {}
            if kind != "DaemonSet":
                spec["replicas"] = rng.choice([1, 2, 3, 5])
            if kind == "StatefulSet":
                spec["serviceName"] = name
            spec["selector"] = selector
            if kind == "Deployment" and rng.random() < 0.25:
                spec["strategy"] = {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0}}
            spec["template"] = {"metadata": tmeta, "spec": self.pod_spec(profile)}
            if kind == "StatefulSet" and rng.random() < 0.6:
                spec["volumeClaimTemplates"] = [{"metadata": {"name": "data"}, "spec": {
                    "accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "%dGi" % rng.choice([1, 10, 50])}}}}]
            doc["spec"] = spec
        elif kind == "ReplicationController":
            doc["spec"] = {"replicas": rng.choice([1, 2, 3]), "selector": {"app.kubernetes.io/instance": name},
                           "template": {"metadata": tmeta, "spec": self.pod_spec(profile)}}
        elif kind == "Job":
            doc["spec"] = {"backoffLimit": rng.choice([0, 3, 6]), "ttlSecondsAfterFinished": 3600,
                           "template": {"metadata": tmeta, "spec": self.pod_spec(profile, rng.choice(["Never", "OnFailure"]))}}
        elif kind == "CronJob":
            doc["spec"] = {"schedule": rng.choice(["*/5 * * * *", "0 * * * *", "30 2 * * *", "0 3 * * 0"]),
                           "concurrencyPolicy": rng.choice(["Forbid", "Replace", "Allow"]),
                           "successfulJobsHistoryLimit": 3,
                           "jobTemplate": {"spec": {"backoffLimit": 2, "template": {
                               "metadata": tmeta, "spec": self.pod_spec(profile, "OnFailure")}}}}
        return doc

    def other(self, kind, api, namespace):
        rng = self.rng
        name = self.name()
        doc = {"apiVersion": api, "kind": kind, "metadata": self.metadata(name, namespace, name)}
        if kind == "Service":
            doc["spec"] = {"type": rng.choice(["ClusterIP", "ClusterIP", "NodePort", "LoadBalancer"]),
                           "selector": {"app.kubernetes.io/instance": name},
                           "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"}]}
        else:
            doc["data"] = {"LOG_LEVEL": rng.choice(["info", "debug", "warn"]), "FEATURE_FLAGS": "search,cart,new-checkout",
                           "app.properties": "server.port=8080\nmanagement.port=9102\ncache.ttl=%ds\n" % rng.randint(10, 600)}
        return doc

    def document(self, namespace):
        if self.rng.random() < OTHER_SHARE:
            kind, api = self.pick_weighted(OTHER_KINDS)
            return kind, self.other(kind, api, namespace)
        kind, api = self.pick_weighted(WORKLOAD_KINDS)
        return kind, self.workload(kind, api, namespace)

    def folder(self):
        rng = self.rng
        roll = rng.random()
        if roll < 0.05:
            return ""
        if roll < 0.25:
            return os.path.join("apps", rng.choice(APPS))
        if roll < 0.4:
            return os.path.join("charts", rng.choice(APPS), "templates")
        return os.path.join("clusters", rng.choice(CLUSTERS), rng.choice(ENVS), rng.choice(NAMESPACES))


def generate(out, count, seed):
    gen = Generator(seed)
    kinds = {}
    files = 0
    lines = 0
    written = 0
    while written < count:
        per_file = min(gen.rng.randint(1, 4), count - written)
        folder = gen.folder()
        namespace = folder.rsplit("/", 1)[-1] if folder.startswith("clusters/") else gen.rng.choice(NAMESPACES)
        chunks = []
        if gen.rng.random() < 0.3:
            chunks.append("# Source: %s/templates/%s.yaml\n" % (gen.rng.choice(APPS), gen.rng.choice(["workload", "all"])))
        first_name = None
        for i in range(per_file):
            kind, doc = gen.document(namespace)
            kinds[kind] = kinds.get(kind, 0) + 1
            first_name = first_name or doc["metadata"]["name"]
            body = []
            emit(doc, 0, body)
            if i > 0 or gen.rng.random() < 0.2:
                chunks.append("---\n")
            chunks.append("\n".join(body) + "\n")
            lines += len(body)
        written += per_file
        files += 1
        ext = ".yml" if gen.rng.random() < 0.15 else ".yaml"
        path = os.path.join(out, folder, "%05d-%s%s" % (files, first_name.rsplit("-", 1)[0], ext))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("".join(chunks))
    workloads = sum(v for k, v in kinds.items() if k not in ("Service", "ConfigMap"))
    return {"count": count, "seed": seed, "files": files, "documents": written, "workloads": workloads,
            "lines": lines, "kinds": dict(sorted(kinds.items())), "profiles": gen.stats}


def main(argv=None):
    return corpus_cli.run(__doc__, generate, "documents", 10000, "manifests", 20240501, argv)


if __name__ == "__main__":
    sys.exit(main())
