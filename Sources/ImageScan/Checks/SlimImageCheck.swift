import EKSGuardCore

/// EKS-IMG-011: images that are large, or meant to be minimal but carry shells and package managers.
struct SlimImageCheck: Check {
    static let metadata = CheckMetadata(
        id: "EKS-IMG-011", title: "Image is not slim", practice: .imageScanning, severity: .low,
        rationale: """
            Every extra package is attack surface and scan noise; shells, package managers and download tools \
            in a running image are what an intruder uses next. Distroless and scratch-based images avoid them.
            """,
        remediation: """
            Use a multi-stage build that copies only the application into a distroless or scratch base, and keep \
            the image under the size limit (--slim-size).
            """,
        references: ["bpg:image/create-minimal-images"],
        passing: [
            CheckExample(format: .json, input: #"{"image": "app:1", "os": "debian 12", "distroless": true, "sizeMiB": 20, "tools": []}"#),
            CheckExample(format: .json, input: #"{"image": "tools:1", "os": "debian 12", "sizeMiB": 120, "tools": ["bin/sh"]}"#,
                         note: "a shell is fine in an image not meant to be minimal"),
        ],
        failing: [
            CheckExample(format: .json, input: #"{"image": "big:1", "os": "ubuntu 22.04", "sizeMiB": 900, "tools": []}"#, expect: ["size"]),
            CheckExample(format: .json, input: #"{"image": "app:1", "os": "debian 12", "distroless": true, "sizeMiB": 30, "tools": ["bin/sh", "usr/bin/apt-get"]}"#,
                         expect: ["bin/sh", "usr/bin/apt-get"]),
        ])

    func evaluate(_ subject: ImageSubject, in context: ImageCheckContext) -> [Finding] {
        var findings: [Finding] = []
        if subject.sizeBytes > context.slimSizeLimitBytes {
            var resource = subject.resource
            resource.field = "size"
            findings.append(.fail("image is \(subject.sizeBytes >> 20) MiB, above the \(context.slimSizeLimitBytes >> 20) MiB limit", at: resource))
        }
        if context.expectSlim || subject.inventory.os?.distroless == true {
            for tool in subject.inventory.tools.sorted() {
                var resource = subject.resource
                resource.field = tool
                findings.append(.fail("/\(tool) in an image meant to be minimal", at: resource))
            }
        }
        return findings
    }
}
