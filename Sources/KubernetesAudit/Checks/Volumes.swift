/// Volume sources as Pod Security reads them.
enum Volumes {
    /// Sources the restricted level allows (`image` was added to upstream's v1.0 rule in Kubernetes 1.33).
    static let restrictedAllowed: Set<String> = [
        "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret",
    ]

    /// Every other in-tree source, in the order upstream names the first one it finds.
    static let restrictedForbidden = [
        "hostPath", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi", "glusterfs", "rbd",
        "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile", "vsphereVolume", "quobyte", "azureDisk",
        "photonPersistentDisk", "portworxVolume", "scaleIO", "storageos",
    ]

    /// Host paths whose mount hands over the node (catalog EKS-POD-009 grades them critical).
    static let sensitiveHostPaths: [String] = [
        "/", "/etc", "/var/lib/kubelet", "/var/run/docker.sock", "/run/docker.sock",
        "/run/containerd/containerd.sock", "/var/run/containerd/containerd.sock", "/proc", "/sys",
        "/var/run/crio/crio.sock", "/var/lib/docker", "/root", "/home", "/boot", "/dev",
    ]

    static func isSensitive(_ path: String) -> Bool {
        var normalized = path
        while normalized.count > 1, normalized.hasSuffix("/") { normalized.removeLast() }
        return sensitiveHostPaths.contains(normalized)
    }
}

extension Cursor {
    /// The source key of a volume (`hostPath`, `configMap`, ...). A volume that names no source
    /// (or only null ones) is an `emptyDir` after API defaulting, which is what admission sees.
    var volumeSource: String {
        let keys = fields.filter { $0.key != "name" && $0.value.exists }.map(\.key)
        if keys.isEmpty { return "emptyDir" }
        if let known = keys.first(where: { Volumes.restrictedAllowed.contains($0) || Volumes.restrictedForbidden.contains($0) }) {
            return known
        }
        return keys[0]
    }
}
