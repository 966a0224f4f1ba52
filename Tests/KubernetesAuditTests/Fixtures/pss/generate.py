#!/usr/bin/env python3
"""Generates the Pod Security Standards conformance fixtures in this folder.

Layout (modelled on upstream pod-security-admission test/testdata):
    <level>/v1.<minor>/{pass,fail}/<lower-cased check id><index>.yaml
plus <level>/v1.<minor>/pass/base.yaml (the minimal valid pod) and, from v1.25 at the
restricted level, pass/base_windows.yaml.

Every `pass` pod must be accepted by the whole level at that version. Every `fail/<id>N.yaml`
must be rejected with a finding referencing `PSS:<id>` (for a baseline control that a restricted
control replaces at that version, the test expects the replacing control, as upstream reports).
The index counts from 0 per (level, version, outcome, id), in the order of CASES below.

Semantics follow docs/pss-semantics.md. Deterministic: no randomness, no timestamps, only the
standard library. Run from anywhere: `python3 generate.py` (it rewrites baseline/ and restricted/).
"""

import copy
import json
import os
import re
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
VERSIONS = [0, 8, 18, 19, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37]
IMAGE = "registry.k8s.io/pause"
B, R = "baseline", "restricted"

# ---------------------------------------------------------------------------------------------
# Minimal YAML emitter (block style, deterministic key order as inserted).

PLAIN = re.compile(r"^[A-Za-z_./][A-Za-z0-9_./-]*$")
RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def scalar(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if PLAIN.match(value) and value.lower() not in RESERVED:
        return value
    return json.dumps(value)


def emit(value, indent=0):
    pad = " " * indent
    lines = []
    if isinstance(value, dict):
        for key, item in value.items():
            k = scalar(key)
            if isinstance(item, dict) and item:
                lines.append(f"{pad}{k}:")
                lines += emit(item, indent + 2)
            elif isinstance(item, list) and item:
                lines.append(f"{pad}{k}:")
                lines += emit(item, indent)
            else:
                lines.append(f"{pad}{k}: {inline(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item:
                sub = emit(item, indent + 2)
                sub[0] = f"{pad}- " + sub[0][indent + 2:]
                lines += sub
            elif isinstance(item, list) and item:
                raise ValueError("nested lists are not used")
            else:
                lines.append(f"{pad}- {inline(item)}")
    return lines


def inline(value):
    if isinstance(value, dict):
        assert not value
        return "{}"
    if isinstance(value, list):
        assert not value
        return "[]"
    return scalar(value)


# ---------------------------------------------------------------------------------------------
# Minimal valid pods.


def container_sc(level, v):
    """The securityContext a container needs at this level and version (None: nothing)."""
    if level != R:
        return None
    sc = {}
    if v >= 8:
        sc["allowPrivilegeEscalation"] = False
    if v >= 22:
        sc["capabilities"] = {"drop": ["ALL"]}
    return sc or None


def make_container(name, level, v):
    c = {"name": name, "image": IMAGE}
    sc = container_sc(level, v)
    if sc:
        c["securityContext"] = sc
    return c


def base(level, v):
    spec = {}
    if level == R:
        psc = {"runAsNonRoot": True}
        if v >= 19:
            psc["seccompProfile"] = {"type": "RuntimeDefault"}
        spec["securityContext"] = psc
    spec["initContainers"] = [make_container("initcontainer1", level, v)]
    spec["containers"] = [make_container("container1", level, v)]
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "test-pod"}, "spec": spec}


def windows_base(v):
    """The Windows variant of the restricted pod: only the v1.0 restricted fields."""
    return {
        "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "test-pod"},
        "spec": {
            "os": {"name": "windows"},
            "securityContext": {"runAsNonRoot": True},
            "initContainers": [{"name": "initcontainer1", "image": IMAGE}],
            "containers": [{"name": "container1", "image": IMAGE}],
        },
    }


# ---------------------------------------------------------------------------------------------
# Mutation helpers.


def spec(pod):
    return pod["spec"]


def podsc(pod):
    return spec(pod).setdefault("securityContext", {})


def annotations(pod):
    return pod["metadata"].setdefault("annotations", {})


def ctr(pod, which="container1"):
    group = {"container1": "containers", "initcontainer1": "initContainers",
             "ephemeralcontainer1": "ephemeralContainers"}[which]
    return next(c for c in spec(pod)[group] if c["name"] == which)


def sc(pod, which="container1"):
    return ctr(pod, which).setdefault("securityContext", {})


def add_ephemeral(pod, level, v):
    spec(pod)["ephemeralContainers"] = [make_container("ephemeralcontainer1", level, v)]


def on(which):
    """Returns a function that applies `f(securityContext)` to the named container."""
    def apply(f):
        def mutate(pod, level, v):
            if which == "ephemeralcontainer1":
                add_ephemeral(pod, level, v)
            f(sc(pod, which))
        return mutate
    return apply


def set_sc(which, **fields):
    def f(s):
        s.update(copy.deepcopy(fields))
    return on(which)(f)


def set_podsc(**fields):
    def mutate(pod, level, v):
        podsc(pod).update(copy.deepcopy(fields))
    return mutate


def set_spec(**fields):
    def mutate(pod, level, v):
        spec(pod).update(copy.deepcopy(fields))
    return mutate


def set_annotations(**ann):
    def mutate(pod, level, v):
        annotations(pod).update(ann)
    return mutate


def chain(*mutations):
    def mutate(pod, level, v):
        for m in mutations:
            m(pod, level, v)
    return mutate


def volumes(*vols):
    return set_spec(volumes=list(vols))


def sysctls(*names):
    return set_podsc(sysctls=[{"name": n, "value": "1"} for n in names])


def ephemeral_only(pod, level, v):
    add_ephemeral(pod, level, v)


def remove_sc(which, *keys):
    def mutate(pod, level, v):
        if which == "ephemeralcontainer1" and "ephemeralContainers" not in spec(pod):
            add_ephemeral(pod, level, v)
        c = ctr(pod, which)
        if not keys:
            c.pop("securityContext", None)
            return
        for k in keys:
            c.get("securityContext", {}).pop(k, None)
        if "securityContext" in c and not c["securityContext"]:
            del c["securityContext"]
    return mutate


def remove_podsc(*keys):
    def mutate(pod, level, v):
        for k in keys:
            podsc(pod).pop(k, None)
        if not spec(pod)["securityContext"]:
            del spec(pod)["securityContext"]
    return mutate


def set_probe(which, handler, action, host):
    """handler: livenessProbe/readinessProbe/startupProbe or lifecycle.postStart/preStop."""
    def mutate(pod, level, v):
        if which == "ephemeralcontainer1":
            add_ephemeral(pod, level, v)
        c = ctr(pod, which)
        body = {"port": 8080}
        if action == "httpGet":
            body["path"] = "/healthz"
        if host is not None:
            body["host"] = host
        if handler.startswith("lifecycle."):
            c.setdefault("lifecycle", {})[handler.split(".")[1]] = {action: body}
        else:
            c[handler] = {action: body}
    return mutate


def windows(mutation=None):
    """Marks a case to start from the Windows restricted pod (the v1.25+ variant, also used below
    v1.25 to show that the exemption is missing there) or, at baseline, from the baseline pod
    with spec.os.name=windows."""
    def mutate(pod, level, v):
        if level == B:
            spec(pod)["os"] = {"name": "windows"}
        if mutation:
            mutation(pod, level, v)
    mutate.windows = True
    return mutate


# ---------------------------------------------------------------------------------------------
# Cases: (check id, "pass"|"fail", [(level, minor), ...], mutation, note).

CASES = []


def case(check, outcome, where, mutation, note):
    CASES.append((check, outcome, where, mutation, note))


def at(levels, *minors):
    if isinstance(levels, str):
        levels = [levels]
    return [(lvl, m) for lvl in levels for m in minors]


BR = [B, R]

# privileged ---------------------------------------------------------------------------------
case("privileged", "fail", at(BR, 0, 37) + at(B, 18, 30), set_sc("container1", privileged=True),
     "container privileged=true")
case("privileged", "fail", at(BR, 37), set_sc("initcontainer1", privileged=True),
     "init container privileged=true")
case("privileged", "fail", at(BR, 37) + at(B, 0), set_sc("ephemeralcontainer1", privileged=True),
     "ephemeral container privileged=true")
case("privileged", "pass", at(BR, 0, 37),
     chain(set_sc("container1", privileged=False), set_sc("initcontainer1", privileged=False)),
     "privileged=false explicitly on both containers")

# hostNamespaces -----------------------------------------------------------------------------
case("hostNamespaces", "fail", at(BR, 0, 37) + at(B, 25), set_spec(hostNetwork=True), "hostNetwork=true")
case("hostNamespaces", "fail", at(B, *VERSIONS) + at(R, 0, 37), set_spec(hostPID=True), "hostPID=true")
case("hostNamespaces", "fail", at(BR, 0, 37), set_spec(hostIPC=True), "hostIPC=true")
case("hostNamespaces", "pass", at(BR, 0, 37), set_spec(hostNetwork=False, hostPID=False, hostIPC=False),
     "host namespaces false explicitly")
case("hostNamespaces", "pass", at(B, 0, 34, 37), set_spec(hostUsers=False),
     "hostUsers=false is not a host namespace")

# hostPathVolumes ----------------------------------------------------------------------------
case("hostPathVolumes", "fail", at(BR, 0, 37) + at(B, 22),
     volumes({"name": "volume-hostpath", "hostPath": {"path": "/a"}}), "hostPath volume")
case("hostPathVolumes", "fail", at(B, 37),
     volumes({"name": "volume-emptydir", "emptyDir": {}},
             {"name": "volume-hostpath", "hostPath": {"path": "/dev/null", "type": "File"}}),
     "second of two volumes is hostPath")
case("hostPathVolumes", "pass", at(B, 0, 37),
     volumes({"name": "volume-nfs", "nfs": {"server": "nfs.example.com", "path": "/share"}},
             {"name": "volume-gitrepo", "gitRepo": {"repository": "https://example.com/repo.git"}}),
     "baseline allows every non-hostPath volume type")
case("hostPathVolumes", "pass", at(BR, 37), volumes({"name": "volume-emptydir", "emptyDir": {}}),
     "emptyDir volume")
case("hostPathVolumes", "pass", at(B, 37), volumes({"name": "volume-null-hostpath", "hostPath": None}),
     "hostPath: null is an unset source (defaulted to emptyDir by the API server)")

# hostPorts ----------------------------------------------------------------------------------
def host_port(which, port, container_port=8080):
    def mutate(pod, level, v):
        if which == "ephemeralcontainer1":
            add_ephemeral(pod, level, v)
        entry = {"containerPort": container_port}
        if port is not None:
            entry["hostPort"] = port
        ctr(pod, which)["ports"] = [entry]
    return mutate


case("hostPorts", "fail", at(BR, 0, 37) + at(B, 19), host_port("container1", 8080), "container hostPort 8080")
case("hostPorts", "fail", at(B, 37), host_port("initcontainer1", 1), "init container hostPort 1")
case("hostPorts", "fail", at(BR, 37), host_port("ephemeralcontainer1", 65535), "ephemeral container hostPort 65535")
case("hostPorts", "pass", at(BR, 0, 37), host_port("container1", 0), "hostPort 0 means unset")
case("hostPorts", "pass", at(B, 37), host_port("container1", None), "containerPort without hostPort")

# capabilities_baseline ----------------------------------------------------------------------
ALLOWED_CAPS = ["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
                "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"]


def add_caps(which, *caps, drop=None):
    def f(s):
        capabilities = s.setdefault("capabilities", {})
        capabilities["add"] = list(caps)
        if drop is not None:
            capabilities["drop"] = list(drop)
        # keep key order stable: add before drop
        s["capabilities"] = {k: capabilities[k] for k in ("add", "drop") if k in capabilities}
    return on(which)(f)


case("capabilities_baseline", "fail", at(BR, 0, 37) + at(R, 8, 19, 22), add_caps("container1", "SYS_ADMIN"),
     "container adds SYS_ADMIN")
case("capabilities_baseline", "fail", at(B, 37), add_caps("container1", "NET_RAW"),
     "NET_RAW is not in the baseline list")
case("capabilities_baseline", "fail", at(B, 37), add_caps("container1", "CAP_CHOWN"),
     "no CAP_ prefix handling")
case("capabilities_baseline", "fail", at(B, 37), add_caps("container1", "chown"), "case-sensitive")
case("capabilities_baseline", "fail", at(B, 0, 37), add_caps("initcontainer1", "SYS_PTRACE"),
     "init container adds SYS_PTRACE")
case("capabilities_baseline", "fail", at(B, 37), add_caps("ephemeralcontainer1", "NET_ADMIN"),
     "ephemeral container adds NET_ADMIN")
case("capabilities_baseline", "fail", at(B, 35), chain(set_spec(hostUsers=False), add_caps("container1", "SYS_ADMIN")),
     "hostUsers=false never relaxes capabilities")
case("capabilities_baseline", "fail", at(B, 25), windows(add_caps("container1", "SYS_ADMIN")),
     "baseline capabilities has no Windows exemption")
case("capabilities_baseline", "pass", at(B, 0, 37) + at(R, 0, 8, 19), add_caps("container1", *ALLOWED_CAPS),
     "every capability on the baseline list (restricted before v1.22 runs the baseline check)")
case("capabilities_baseline", "pass", at(B, 37), add_caps("container1", drop=["SYS_ADMIN"]),
     "empty add list; drop is ignored")

# appArmorProfile ----------------------------------------------------------------------------
AA = "container.apparmor.security.beta.kubernetes.io/"
case("appArmorProfile", "fail", at(BR, 0, 37), set_podsc(appArmorProfile={"type": "Unconfined"}),
     "pod appArmorProfile Unconfined")
case("appArmorProfile", "fail", at(B, 0, 30, 37), set_sc("container1", appArmorProfile={"type": "Unconfined"}),
     "container appArmorProfile Unconfined")
case("appArmorProfile", "fail", at(B, 37), set_sc("container1", appArmorProfile={"type": ""}),
     "container appArmorProfile type empty string")
case("appArmorProfile", "fail", at(B, 37), set_sc("container1", appArmorProfile={}),
     "container appArmorProfile without type")
case("appArmorProfile", "fail", at(B, 37), set_sc("container1", appArmorProfile={"type": "runtime/default"}),
     "annotation syntax is not a field type")
case("appArmorProfile", "fail", at(BR, 37), set_sc("initcontainer1", appArmorProfile={"type": "Unconfined"}),
     "init container appArmorProfile Unconfined")
case("appArmorProfile", "fail", at(B, 37), set_sc("ephemeralcontainer1", appArmorProfile={"type": "Unconfined"}),
     "ephemeral container appArmorProfile Unconfined")
case("appArmorProfile", "fail", at(BR, 0, 37) + at(B, 18), set_annotations(**{AA + "container1": "unconfined"}),
     "annotation unconfined")
case("appArmorProfile", "fail", at(B, 37), set_annotations(**{AA + "nosuchcontainer": "unconfined"}),
     "annotation for a container that does not exist")
case("appArmorProfile", "fail", at(B, 37), set_annotations(**{AA + "initcontainer1": "localhost"}),
     "localhost without a slash")
case("appArmorProfile", "fail", at(B, 37), set_annotations(**{AA + "container1": "RuntimeDefault"}),
     "field syntax is not an annotation value")
case("appArmorProfile", "pass", at(BR, 0, 37),
     chain(set_podsc(appArmorProfile={"type": "RuntimeDefault"}),
           set_sc("container1", appArmorProfile={"type": "Localhost", "localhostProfile": "profile"})),
     "pod RuntimeDefault, container Localhost")
case("appArmorProfile", "pass", at(BR, 0, 37),
     set_annotations(**{AA + "container1": "runtime/default", AA + "initcontainer1": "localhost/profile"}),
     "annotations runtime/default and localhost/...")
case("appArmorProfile", "pass", at(B, 37), set_annotations(**{AA + "container1": ""}),
     "empty annotation value")
case("appArmorProfile", "pass", at(B, 37), set_annotations(**{AA + "container1": None}),
     "null annotation value (an empty string once decoded)")

# seLinuxOptions -----------------------------------------------------------------------------
case("seLinuxOptions", "fail", at(BR, 0, 37), set_podsc(seLinuxOptions={"type": "spc_t"}), "pod type spc_t")
case("seLinuxOptions", "fail", at(B, 0, 37), set_sc("container1", seLinuxOptions={"user": "system_u"}),
     "container user set")
case("seLinuxOptions", "fail", at(B, 37), set_podsc(seLinuxOptions={"role": "system_r"}), "pod role set")
case("seLinuxOptions", "fail", at(B, 37),
     set_sc("container1", seLinuxOptions={"type": "container_t", "user": "unconfined_u"}),
     "allowed type but user set")
case("seLinuxOptions", "fail", at(B, 37), set_sc("initcontainer1", seLinuxOptions={"type": "unconfined_t"}),
     "init container type unconfined_t")
case("seLinuxOptions", "fail", at(BR, 37), set_sc("ephemeralcontainer1", seLinuxOptions={"type": "spc_t"}),
     "ephemeral container type spc_t")
case("seLinuxOptions", "fail", at(BR, 30) + at(B, 0), set_sc("container1", seLinuxOptions={"type": "container_engine_t"}),
     "container_engine_t is allowed only from v1.31")
case("seLinuxOptions", "pass", at(BR, 31, 37), set_sc("container1", seLinuxOptions={"type": "container_engine_t"}),
     "container_engine_t allowed from v1.31")
case("seLinuxOptions", "pass", at(BR, 0, 37),
     chain(set_podsc(seLinuxOptions={"type": "container_t", "level": "s0:c123,c456"}),
           set_sc("container1", seLinuxOptions={"type": "container_init_t"}),
           set_sc("initcontainer1", seLinuxOptions={"type": "container_kvm_t"})),
     "allowed types; level is not checked")
case("seLinuxOptions", "pass", at(B, 37),
     set_sc("container1", seLinuxOptions={"type": "", "user": "", "role": "", "level": "s0"}),
     "empty type, user and role")

# procMount ----------------------------------------------------------------------------------
case("procMount", "fail", at(BR, 0, 34, 35, 37) + at(B, 18), set_sc("container1", procMount="Unmasked"),
     "container procMount Unmasked")
case("procMount", "fail", at(B, 37), set_sc("initcontainer1", procMount="Unmasked"), "init container Unmasked")
case("procMount", "fail", at(B, 37), set_sc("ephemeralcontainer1", procMount="Unmasked"), "ephemeral container Unmasked")
case("procMount", "fail", at(B, 37), set_sc("container1", procMount=""), "empty procMount is not Default")
case("procMount", "fail", at(BR, 34), chain(set_spec(hostUsers=False), set_sc("container1", procMount="Unmasked")),
     "hostUsers=false relaxes procMount only from v1.35")
case("procMount", "fail", at(B, 35), chain(set_spec(hostUsers=True), set_sc("container1", procMount="Unmasked")),
     "hostUsers=true gives no relaxation")
case("procMount", "pass", at(BR, 0, 37), set_sc("container1", procMount="Default"), "procMount Default")
case("procMount", "pass", at(B, 35, 37), chain(set_spec(hostUsers=False), set_sc("container1", procMount="Unmasked")),
     "hostUsers=false relaxes baseline procMount from v1.35")

# procMount_restricted -----------------------------------------------------------------------
case("procMount_restricted", "fail", at(R, 35, 36, 37),
     chain(set_spec(hostUsers=False), set_sc("container1", procMount="Unmasked")),
     "restricted procMount ignores hostUsers=false")
case("procMount_restricted", "fail", at(R, 37), set_sc("initcontainer1", procMount="Unmasked"),
     "init container Unmasked")
case("procMount_restricted", "fail", at(R, 37),
     chain(set_spec(hostUsers=False), set_sc("ephemeralcontainer1", procMount="Unmasked")),
     "ephemeral container Unmasked")
case("procMount_restricted", "pass", at(R, 35), chain(set_spec(hostUsers=False), set_sc("container1", procMount="Default")),
     "procMount Default with hostUsers=false")

# seccompProfile_baseline --------------------------------------------------------------------
SA = "seccomp.security.alpha.kubernetes.io/pod"
SC = "container.seccomp.security.alpha.kubernetes.io/"
case("seccompProfile_baseline", "fail", at(BR, 0, 18), set_annotations(**{SA: "unconfined"}),
     "pod seccomp annotation unconfined")
case("seccompProfile_baseline", "fail", at(B, 18), set_annotations(**{SC + "container1": "unconfined"}),
     "container seccomp annotation unconfined")
case("seccompProfile_baseline", "fail", at(BR, 18), set_annotations(**{SC + "initcontainer1": "unconfined"}),
     "init container seccomp annotation unconfined")
case("seccompProfile_baseline", "fail", at(B, 18),
     chain(ephemeral_only, set_annotations(**{SC + "ephemeralcontainer1": "unconfined"})),
     "ephemeral container seccomp annotation unconfined")
case("seccompProfile_baseline", "fail", at(B, 0, 18), set_annotations(**{SA: ""}),
     "empty seccomp annotation is not valid")
case("seccompProfile_baseline", "fail", at(B, 18), set_annotations(**{SA: "localhost"}), "localhost without a slash")
case("seccompProfile_baseline", "fail", at(BR, 18) + at(B, 0), set_annotations(**{SA: None}),
     "null annotation value (the API server decodes it as an empty string, which is not valid)")
case("seccompProfile_baseline", "fail", at(B, 18), set_annotations(**{SA: "RuntimeDefault"}),
     "field syntax is not an annotation value")
case("seccompProfile_baseline", "pass", at(BR, 0, 18),
     set_annotations(**{SA: "runtime/default", SC + "container1": "docker/default",
                        SC + "initcontainer1": "localhost/profile.json"}),
     "runtime/default, docker/default and localhost/... annotations")
case("seccompProfile_baseline", "pass", at(B, 18), set_annotations(**{SC + "nosuchcontainer": "unconfined"}),
     "annotation for a container that does not exist is not read")
case("seccompProfile_baseline", "pass", at(BR, 18), set_podsc(seccompProfile={"type": "Unconfined"}),
     "fields are ignored before v1.19")
case("seccompProfile_baseline", "pass", at(B, 19) + at(R, 19, 37),
     set_annotations(**{SA: "unconfined", SC + "container1": "unconfined"}),
     "annotations are ignored from v1.19")
case("seccompProfile_baseline", "fail", at(BR, 19, 37), set_podsc(seccompProfile={"type": "Unconfined"}),
     "pod seccompProfile Unconfined")
case("seccompProfile_baseline", "fail", at(BR, 19) + at(B, 37), set_sc("container1", seccompProfile={"type": "Unconfined"}),
     "container seccompProfile Unconfined")
case("seccompProfile_baseline", "fail", at(B, 37), set_sc("initcontainer1", seccompProfile={"type": "Unconfined"}),
     "init container seccompProfile Unconfined")
case("seccompProfile_baseline", "fail", at(BR, 37), set_sc("ephemeralcontainer1", seccompProfile={"type": "Unconfined"}),
     "ephemeral container seccompProfile Unconfined")
case("seccompProfile_baseline", "fail", at(B, 37), set_sc("container1", seccompProfile={"type": ""}),
     "seccompProfile type empty string")
case("seccompProfile_baseline", "fail", at(B, 37), set_podsc(seccompProfile={"type": "runtime/default"}),
     "annotation syntax is not a field type")
case("seccompProfile_baseline", "pass", at(B, 19, 37),
     chain(set_podsc(seccompProfile={"type": "RuntimeDefault"}),
           set_sc("container1", seccompProfile={"type": "Localhost", "localhostProfile": "profile.json"})),
     "pod RuntimeDefault, container Localhost")

# sysctls ------------------------------------------------------------------------------------
S10 = ["kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies",
       "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start"]
S27 = ["net.ipv4.ip_local_reserved_ports"]
S29 = ["net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
       "net.ipv4.tcp_keepalive_probes"]
S32 = ["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"]
S37 = ["net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"]
case("sysctls", "fail", at(BR, 0, 37), sysctls("kernel.msgmax"), "kernel.msgmax is not safe")
case("sysctls", "fail", at(B, 37), sysctls("net.ipv4.ip_local_port_range", "net.ipv4.ip_forward"),
     "one safe, one unsafe")
case("sysctls", "fail", at(B, 37), sysctls(""), "empty name")
case("sysctls", "fail", at(B, 37), sysctls("net.ipv4.tcp_syncookies.extra"), "no prefix matching")
case("sysctls", "fail", at(BR, 26) + at(B, 0, 24), sysctls(*S27), "ip_local_reserved_ports before v1.27")
case("sysctls", "fail", at(BR, 28) + at(B, 27), sysctls(S29[0]), "tcp_keepalive_time before v1.29")
case("sysctls", "fail", at(B, 28), sysctls(S29[3]), "tcp_keepalive_probes before v1.29")
case("sysctls", "fail", at(B, 31) + at(R, 30), sysctls(S32[0]), "tcp_rmem before v1.32")
case("sysctls", "fail", at(R, 31), sysctls(S32[1]), "tcp_wmem before v1.32")
case("sysctls", "fail", at(BR, 36) + at(B, 32), sysctls(S37[0]), "tcp_slow_start_after_idle before v1.37")
case("sysctls", "fail", at(B, 36), sysctls(S37[1]), "tcp_notsent_lowat before v1.37")
case("sysctls", "pass", at(BR, 0, 26) + at(B, 8, 18, 22), sysctls(*S10), "the v1.0 safe set")
case("sysctls", "pass", at(BR, 27, 28), sysctls(*S27), "added in v1.27")
case("sysctls", "pass", at(BR, 29, 31) + at(B, 30), sysctls(*S29), "added in v1.29")
case("sysctls", "pass", at(BR, 32, 34) + at(B, 33, 36), sysctls(*S32), "added in v1.32")
case("sysctls", "pass", at(BR, 37), sysctls(*S37), "added in v1.37")
case("sysctls", "pass", at(B, 37), sysctls(*(S10 + S27 + S29 + S32 + S37)), "the whole v1.37 safe set")

# windowsHostProcess -------------------------------------------------------------------------
case("windowsHostProcess", "fail", at(BR, 0, 37), set_podsc(windowsOptions={"hostProcess": True}),
     "pod hostProcess=true")
case("windowsHostProcess", "fail", at(B, 0, 37), set_sc("container1", windowsOptions={"hostProcess": True}),
     "container hostProcess=true")
case("windowsHostProcess", "fail", at(B, 37), set_sc("initcontainer1", windowsOptions={"hostProcess": True}),
     "init container hostProcess=true")
case("windowsHostProcess", "fail", at(B, 37), set_sc("ephemeralcontainer1", windowsOptions={"hostProcess": True}),
     "ephemeral container hostProcess=true")
case("windowsHostProcess", "fail", at(B, 24, 25) + at(R, 25, 37),
     windows(set_podsc(windowsOptions={"hostProcess": True})), "no Windows exemption")
case("windowsHostProcess", "pass", at(BR, 0, 37),
     chain(set_podsc(windowsOptions={"hostProcess": False}),
           set_sc("container1", windowsOptions={"hostProcess": False, "runAsUserName": "ContainerUser"})),
     "hostProcess=false explicitly")

# hostProbesAndHostLifecycle -----------------------------------------------------------------
HP = "hostProbesAndHostLifecycle"
case(HP, "pass", at(BR, 33) + at(B, 0), set_probe("container1", "livenessProbe", "httpGet", "10.0.0.1"),
     "the check applies only from v1.34")
case(HP, "fail", at(BR, 34, 35, 37), set_probe("container1", "livenessProbe", "httpGet", "10.0.0.1"),
     "livenessProbe httpGet host")
case(HP, "fail", at(B, 34), set_probe("container1", "readinessProbe", "tcpSocket", "example.com"),
     "readinessProbe tcpSocket host")
case(HP, "fail", at(B, 37), set_probe("container1", "startupProbe", "httpGet", "localhost"),
     "startupProbe httpGet host")
case(HP, "fail", at(B, 37), set_probe("container1", "lifecycle.postStart", "httpGet", "169.254.169.254"),
     "postStart httpGet host")
case(HP, "fail", at(BR, 37), set_probe("container1", "lifecycle.preStop", "tcpSocket", "10.0.0.2"),
     "preStop tcpSocket host")
case(HP, "fail", at(B, 37), set_probe("initcontainer1", "startupProbe", "tcpSocket", "10.0.0.3"),
     "init container probe host")
case(HP, "fail", at(B, 37), set_probe("ephemeralcontainer1", "livenessProbe", "httpGet", "10.0.0.4"),
     "ephemeral container probe host")
case(HP, "pass", at(BR, 34, 37), set_probe("container1", "livenessProbe", "httpGet", ""), "empty host")
case(HP, "pass", at(B, 37),
     chain(set_probe("container1", "readinessProbe", "tcpSocket", None),
           set_probe("container1", "lifecycle.preStop", "httpGet", None)),
     "probes and hooks without host")


def grpc_exec(pod, level, v):
    c = ctr(pod)
    c["livenessProbe"] = {"grpc": {"port": 9090}}
    c["readinessProbe"] = {"exec": {"command": ["true"]}}
    c["lifecycle"] = {"preStop": {"sleep": {"seconds": 1}}}


case(HP, "pass", at(B, 37), grpc_exec, "grpc, exec and sleep are not inspected")

# restrictedVolumes --------------------------------------------------------------------------
ALL_ALLOWED_VOLUMES = [
    {"name": "volume-configmap", "configMap": {"name": "test"}},
    {"name": "volume-csi", "csi": {"driver": "inline.storage.kubernetes.io"}},
    {"name": "volume-downwardapi", "downwardAPI": {"items": [{"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}}]}},
    {"name": "volume-emptydir", "emptyDir": {}},
    {"name": "volume-ephemeral", "ephemeral": {"volumeClaimTemplate": {"spec": {
        "accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}}},
    {"name": "volume-image", "image": {"reference": "registry.k8s.io/pause", "pullPolicy": "IfNotPresent"}},
    {"name": "volume-pvc", "persistentVolumeClaim": {"claimName": "test"}},
    {"name": "volume-projected", "projected": {"sources": [{"serviceAccountToken": {"path": "token"}}]}},
    {"name": "volume-secret", "secret": {"secretName": "test"}},
]
case("restrictedVolumes", "pass", at(R, 0, 25, 37) + at(B, 37), volumes(*ALL_ALLOWED_VOLUMES),
     "every allowed volume type")
case("restrictedVolumes", "pass", at(R, 0, 32, 33, 37),
     volumes({"name": "volume-image", "image": {"reference": "registry.k8s.io/pause"}}),
     "image volumes are allowed at every pinned version")
case("restrictedVolumes", "pass", at(R, 0, 37) + at(B, 0), volumes({"name": "volume-unnamed-source"}),
     "a volume without a source is defaulted to emptyDir")
case("restrictedVolumes", "pass", at(R, 37), volumes({"name": "volume-null-hostpath", "hostPath": None}),
     "hostPath: null is an unset source (defaulted to emptyDir by the API server)")
case("restrictedVolumes", "fail", at(R, 0, 8, 25, 37),
     volumes({"name": "volume-nfs", "nfs": {"server": "nfs.example.com", "path": "/share"}}), "nfs volume")
case("restrictedVolumes", "fail", at(R, 37),
     volumes({"name": "volume-gitrepo", "gitRepo": {"repository": "https://example.com/repo.git"}}), "gitRepo volume")
case("restrictedVolumes", "fail", at(R, 37), volumes({"name": "volume-hostpath", "hostPath": {"path": "/a"}}),
     "hostPath volume")
case("restrictedVolumes", "fail", at(R, 37),
     volumes({"name": "volume-ebs", "awsElasticBlockStore": {"volumeID": "vol-0123456789abcdef0"}}), "EBS volume")
case("restrictedVolumes", "fail", at(R, 37),
     volumes({"name": "volume-flex", "flexVolume": {"driver": "example.com/driver"}}), "flexVolume")
case("restrictedVolumes", "fail", at(R, 0, 37),
     volumes(*ALL_ALLOWED_VOLUMES[:2], {"name": "volume-cephfs", "cephfs": {"monitors": ["10.0.0.1:6789"]}}),
     "one restricted volume among allowed ones")

# allowPrivilegeEscalation -------------------------------------------------------------------
APE = "allowPrivilegeEscalation"
case(APE, "pass", at(R, 0), set_sc("container1", allowPrivilegeEscalation=True), "the check applies only from v1.8")
case(APE, "pass", at(B, 37), set_sc("container1", allowPrivilegeEscalation=True), "not part of baseline")
case(APE, "fail", at(R, 8, 24, 37), remove_sc("container1", "allowPrivilegeEscalation"), "container unset")
case(APE, "fail", at(R, 8, 37), set_sc("container1", allowPrivilegeEscalation=True), "container true")
case(APE, "fail", at(R, 18, 37), remove_sc("initcontainer1", "allowPrivilegeEscalation"), "init container unset")
case(APE, "fail", at(R, 37), chain(ephemeral_only, remove_sc("ephemeralcontainer1", "allowPrivilegeEscalation")),
     "ephemeral container unset")
case(APE, "fail", at(R, 8, 37), remove_sc("container1"), "container without securityContext")
case(APE, "fail", at(R, 24), windows(), "Windows pods are exempt only from v1.25")
case(APE, "pass", at(R, 25, 37), windows(set_sc("container1", allowPrivilegeEscalation=True)),
     "Windows pod exempt from v1.25")

# runAsNonRoot -------------------------------------------------------------------------------
RNR = "runAsNonRoot"
case(RNR, "fail", at(R, 0, 35, 37), set_podsc(runAsNonRoot=False), "pod false")
case(RNR, "fail", at(R, *VERSIONS), remove_podsc("runAsNonRoot"), "pod unset, containers unset")
case(RNR, "fail", at(R, 0, 37), set_sc("container1", runAsNonRoot=False), "pod true, container false")
case(RNR, "fail", at(R, 37), set_sc("initcontainer1", runAsNonRoot=False), "pod true, init container false")
case(RNR, "fail", at(R, 37), set_sc("ephemeralcontainer1", runAsNonRoot=False), "pod true, ephemeral container false")
case(RNR, "fail", at(R, 0, 37),
     chain(remove_podsc("runAsNonRoot"), set_sc("container1", runAsNonRoot=True)),
     "pod unset, init container unset")
case(RNR, "fail", at(R, 22, 37),
     chain(set_podsc(runAsNonRoot=False), set_sc("container1", runAsNonRoot=True),
           set_sc("initcontainer1", runAsNonRoot=True)),
     "pod false is reported even when every container sets true")
case(RNR, "fail", at(R, 37),
     chain(remove_podsc("runAsNonRoot"), set_sc("container1", runAsNonRoot=True),
           set_sc("initcontainer1", runAsNonRoot=True), set_sc("ephemeralcontainer1")),
     "pod unset, ephemeral container unset")
case(RNR, "fail", at(R, 34), chain(set_spec(hostUsers=False), remove_podsc("runAsNonRoot")),
     "hostUsers=false relaxes runAsNonRoot only from v1.35")
case(RNR, "fail", at(R, 35), chain(set_spec(hostUsers=True), remove_podsc("runAsNonRoot")),
     "hostUsers=true gives no relaxation")
case(RNR, "fail", at(R, 25, 37), windows(remove_podsc("runAsNonRoot")), "no Windows exemption")
case(RNR, "pass", at(R, 0, 37),
     chain(remove_podsc("runAsNonRoot"), set_sc("container1", runAsNonRoot=True),
           set_sc("initcontainer1", runAsNonRoot=True)),
     "pod unset, every container true")
case(RNR, "pass", at(R, 35, 36, 37), chain(set_spec(hostUsers=False), remove_podsc("runAsNonRoot")),
     "hostUsers=false relaxes runAsNonRoot from v1.35")
case(RNR, "pass", at(R, 35), chain(set_spec(hostUsers=False), set_podsc(runAsNonRoot=False)),
     "hostUsers=false with runAsNonRoot=false from v1.35")
case(RNR, "pass", at(B, 0, 37), set_podsc(runAsNonRoot=False), "not part of baseline")

# runAsUser ----------------------------------------------------------------------------------
RAU = "runAsUser"
case(RAU, "pass", at(R, 0, 22), set_podsc(runAsUser=0), "the check applies only from v1.23")
case(RAU, "pass", at(R, 22), set_sc("container1", runAsUser=0), "the check applies only from v1.23")
case(RAU, "pass", at(B, 37), set_podsc(runAsUser=0), "not part of baseline")
case(RAU, "fail", at(R, 23, 34, 37), set_podsc(runAsUser=0), "pod runAsUser 0")
case(RAU, "fail", at(R, 23, 37), set_sc("container1", runAsUser=0), "container runAsUser 0")
case(RAU, "fail", at(R, 37), set_sc("initcontainer1", runAsUser=0), "init container runAsUser 0")
case(RAU, "fail", at(R, 37), set_sc("ephemeralcontainer1", runAsUser=0), "ephemeral container runAsUser 0")
case(RAU, "fail", at(R, 37),
     chain(set_podsc(runAsUser=0), set_sc("container1", runAsUser=1000), set_sc("initcontainer1", runAsUser=1000)),
     "pod 0 is reported even when every container overrides it")
case(RAU, "fail", at(R, 34), chain(set_spec(hostUsers=False), set_podsc(runAsUser=0)),
     "hostUsers=false relaxes runAsUser only from v1.35")
case(RAU, "fail", at(R, 25), windows(set_podsc(runAsUser=0)), "no Windows exemption")
case(RAU, "pass", at(R, 23, 37),
     chain(set_podsc(runAsUser=1000), set_sc("container1", runAsUser=1)), "non-zero UIDs")
case(RAU, "pass", at(R, 35, 37),
     chain(set_spec(hostUsers=False), set_podsc(runAsUser=0), set_sc("container1", runAsUser=0)),
     "hostUsers=false relaxes runAsUser from v1.35")

# seccompProfile_restricted ------------------------------------------------------------------
SPR = "seccompProfile_restricted"
case(SPR, "fail", at(R, 19, 24, 37), remove_podsc("seccompProfile"), "pod unset, containers unset")
case(SPR, "fail", at(R, 19, 37), set_podsc(seccompProfile={"type": "Unconfined"}), "pod Unconfined")
case(SPR, "fail", at(R, 37), set_podsc(seccompProfile={"type": ""}), "pod type empty string")
case(SPR, "fail", at(R, 37), set_podsc(seccompProfile={}), "pod profile without type")
case(SPR, "fail", at(R, 37), set_sc("container1", seccompProfile={"type": "Unconfined"}),
     "pod RuntimeDefault, container Unconfined")
case(SPR, "fail", at(R, 37), set_sc("ephemeralcontainer1", seccompProfile={"type": "Unconfined"}),
     "pod RuntimeDefault, ephemeral container Unconfined")
case(SPR, "fail", at(R, 19, 37),
     chain(remove_podsc("seccompProfile"), set_sc("container1", seccompProfile={"type": "RuntimeDefault"})),
     "pod unset, init container unset")
case(SPR, "fail", at(R, 37),
     chain(set_podsc(seccompProfile={"type": "Unconfined"}),
           set_sc("container1", seccompProfile={"type": "RuntimeDefault"}),
           set_sc("initcontainer1", seccompProfile={"type": "RuntimeDefault"})),
     "pod Unconfined is reported even when every container is valid")
case(SPR, "fail", at(R, 37),
     chain(remove_podsc("seccompProfile"), set_sc("container1", seccompProfile={"type": "RuntimeDefault"}),
           set_sc("initcontainer1", seccompProfile={"type": "RuntimeDefault"}), ephemeral_only),
     "pod unset, ephemeral container unset")
case(SPR, "fail", at(R, 24), windows(), "Windows pods are exempt only from v1.25")
case(SPR, "fail", at(R, 19, 22, 37),
     chain(remove_podsc("seccompProfile"),
           set_annotations(**{SA: "runtime/default", SC + "container1": "runtime/default",
                              SC + "initcontainer1": "runtime/default"})),
     "seccomp annotations alone do not satisfy the restricted check from v1.19")
case(SPR, "pass", at(R, 19, 37),
     chain(remove_podsc("seccompProfile"), set_sc("container1", seccompProfile={"type": "RuntimeDefault"}),
           set_sc("initcontainer1", seccompProfile={"type": "Localhost", "localhostProfile": "profile.json"})),
     "pod unset, every container valid")
case(SPR, "pass", at(R, 37),
     chain(set_podsc(seccompProfile={"type": "Localhost", "localhostProfile": "profile.json"}),
           set_sc("container1", seccompProfile={"type": "RuntimeDefault"})),
     "pod Localhost, container RuntimeDefault")
case(SPR, "pass", at(R, 25, 37), windows(set_podsc(seccompProfile={"type": "Unconfined"})),
     "Windows pod exempt from v1.25")

# capabilities_restricted --------------------------------------------------------------------
CR = "capabilities_restricted"
case(CR, "fail", at(R, 22, 24, 37), remove_sc("container1", "capabilities"), "container drop unset")
case(CR, "fail", at(R, 37), add_caps("container1", drop=["all"]), "drop is case-sensitive")
case(CR, "fail", at(R, 37), set_sc("container1", capabilities={}), "capabilities without drop")
case(CR, "fail", at(R, 37), add_caps("container1", drop=["SYS_ADMIN", "NET_RAW"]), "drop without ALL")
case(CR, "fail", at(R, 22, 37), add_caps("container1", "CHOWN", drop=["ALL"]),
     "baseline-allowed capability added")
case(CR, "fail", at(R, 37), add_caps("container1", "SYS_ADMIN", drop=["ALL"]), "SYS_ADMIN added")
case(CR, "fail", at(R, 37), remove_sc("initcontainer1", "capabilities"), "init container drop unset")
case(CR, "fail", at(R, 37), chain(ephemeral_only, remove_sc("ephemeralcontainer1", "capabilities")),
     "ephemeral container drop unset")
case(CR, "fail", at(R, 35), chain(set_spec(hostUsers=False), add_caps("container1", "SYS_ADMIN", drop=["ALL"])),
     "hostUsers=false never relaxes capabilities")
case(CR, "fail", at(R, 24), windows(add_caps("container1", "SYS_ADMIN")), "Windows pods are exempt only from v1.25")
case(CR, "pass", at(R, 19), remove_sc("container1", "capabilities"), "the check applies only from v1.22")
case(CR, "pass", at(R, 22, 37), add_caps("container1", "NET_BIND_SERVICE", drop=["ALL"]),
     "NET_BIND_SERVICE may be added")
case(CR, "pass", at(R, 37), add_caps("container1", drop=["NET_RAW", "ALL"]), "ALL among other drops")
case(CR, "pass", at(R, 25, 37), windows(add_caps("container1", "SYS_ADMIN")),
     "Windows pod exempt from v1.25 (capabilities_baseline is replaced too)")


# ---------------------------------------------------------------------------------------------


def fixture_id(check):
    return check.lower()


def main():
    for level in (B, R):
        shutil.rmtree(os.path.join(HERE, level), ignore_errors=True)
    written = 0
    counters = {}
    files = {}
    for level in (B, R):
        for v in VERSIONS:
            files[(level, v, "pass", "base")] = base(level, v)
            if level == R and v >= 25:
                files[(level, v, "pass", "base_windows")] = windows_base(v)
    notes = {}
    for check, outcome, where, mutation, note in CASES:
        for level, v in where:
            assert v in VERSIONS, (check, v)
            if getattr(mutation, "windows", False) and level == R:
                pod = windows_base(v)
            else:
                pod = base(level, v)
            mutation(pod, level, v)
            key = (level, v, outcome, fixture_id(check))
            index = counters.get(key, 0)
            counters[key] = index + 1
            name = f"{fixture_id(check)}{index}"
            files[(level, v, outcome, name)] = pod
            notes[(level, v, outcome, name)] = note
    for (level, v, outcome, name), pod in sorted(files.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2], kv[0][3])):
        folder = os.path.join(HERE, level, f"v1.{v}", outcome)
        os.makedirs(folder, exist_ok=True)
        header = []
        note = notes.get((level, v, outcome, name))
        if note:
            header.append(f"# {note}")
        elif name == "base":
            header.append(f"# minimal valid {level} pod at v1.{v}")
        elif name == "base_windows":
            header.append(f"# minimal valid Windows {level} pod at v1.{v}")
        text = "\n".join(header + emit(pod)) + "\n"
        with open(os.path.join(folder, name + ".yaml"), "w") as out:
            out.write(text)
        written += 1
    print(f"wrote {written} files")


if __name__ == "__main__":
    main()
