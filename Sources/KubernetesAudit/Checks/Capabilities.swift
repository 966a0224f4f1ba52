/// Linux capability names as Pod Security reads them: exact strings, without a `CAP_` prefix.
enum Capabilities {
    /// The capabilities the baseline level lets a container add (the container runtime's defaults).
    static let baselineAllowed: Set<String> = [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
        "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ]

    /// Capabilities that hand over the node or other tenants' traffic when added (catalog EKS-POD-006).
    static let dangerous: Set<String> = [
        "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "DAC_READ_SEARCH", "BPF", "NET_RAW",
    ]
}
