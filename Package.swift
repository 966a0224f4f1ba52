// swift-tools-version:6.1
import PackageDescription

// One set of Swift settings for every target: Swift 6 language mode plus the upcoming
// features that keep `any` explicit and imports honest.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "eksguard",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "eksguard", targets: ["eksguard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(name: "EKSGuardCore", swiftSettings: swiftSettings),
        .target(
            name: "KubernetesAudit",
            dependencies: ["EKSGuardCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(name: "Gatekeeper", dependencies: ["EKSGuardCore", "KubernetesAudit"], swiftSettings: swiftSettings),
        // Hummingbird, NIO and the certificate libraries are heavy to build: only this target and
        // the executable that serves it depend on them.
        .target(
            name: "AdmissionWebhook",
            dependencies: [
                "EKSGuardCore", "KubernetesAudit", "Gatekeeper",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "DockerfileLint", dependencies: ["EKSGuardCore"], swiftSettings: swiftSettings),
        // Crypto: SHA-256 of the HTML report's inline style and script, for its Content-Security-Policy.
        .target(
            name: "Reports", dependencies: ["EKSGuardCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings),
        .target(
            name: "NodeBenchmark",
            dependencies: ["EKSGuardCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // The snapshot model is Foundation-only so the audit can read snapshots without the HTTP stack.
        .target(name: "ClusterSnapshot", swiftSettings: swiftSettings),
        .target(
            name: "AWSClient",
            dependencies: [
                "ClusterSnapshot",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            resources: [.copy("Resources/models.json")],
            swiftSettings: swiftSettings
        ),
        .target(name: "ClusterCollect", dependencies: ["AWSClient", "ClusterSnapshot"], swiftSettings: swiftSettings),
        // The cluster checks read snapshots and Kubernetes objects only: no HTTP stack.
        .target(
            name: "ClusterAudit", dependencies: ["EKSGuardCore", "ClusterSnapshot", "KubernetesAudit"], swiftSettings: swiftSettings),
        // Live reading of a cluster's Kubernetes objects: kubeconfig, TLS and the list calls.
        // Kept out of ClusterAudit, which stays free of the HTTP stack.
        .target(
            name: "KubernetesClient",
            dependencies: [
                "EKSGuardCore", "KubernetesAudit",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // zlib, zstd and libdeflate from the system (Debian's zlib1g-dev, libzstd-dev, libdeflate-dev): layer decompression.
        .systemLibrary(name: "SystemZlib", path: "Sources/SystemZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "SystemZstd", path: "Sources/SystemZstd", providers: [.apt(["libzstd-dev"])]),
        // libdeflate inflates whole gzip layers about three times faster than zlib (Debian's libdeflate-dev).
        .systemLibrary(name: "SystemDeflate", path: "Sources/SystemDeflate", providers: [.apt(["libdeflate-dev"])]),
        .target(
            name: "ImageScan",
            dependencies: [
                "EKSGuardCore", "SystemZlib", "SystemZstd", "SystemDeflate",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "eksguard",
            dependencies: [
                "EKSGuardCore", "KubernetesAudit", "DockerfileLint", "Reports", "NodeBenchmark", "Gatekeeper",
                "AdmissionWebhook", "AWSClient", "ClusterSnapshot", "ClusterCollect", "ClusterAudit", "ImageScan",
                "KubernetesClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "EKSGuardCoreTests", dependencies: ["EKSGuardCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ClusterAuditTests",
            dependencies: ["ClusterAudit", "ClusterSnapshot", "KubernetesAudit", "EKSGuardCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubernetesClientTests",
            dependencies: ["KubernetesClient", "KubernetesAudit", "EKSGuardCore"],
            // The fixtures are served by scripts/services/kube.sh, not read by the tests.
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubernetesAuditTests",
            dependencies: ["KubernetesAudit", "EKSGuardCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatekeeperTests",
            dependencies: ["Gatekeeper", "KubernetesAudit", "EKSGuardCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AdmissionWebhookTests",
            dependencies: [
                "AdmissionWebhook", "Gatekeeper", "KubernetesAudit", "EKSGuardCore",
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DockerfileLintTests",
            dependencies: ["DockerfileLint", "EKSGuardCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "EKSGuardCore", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Golden")],
            swiftSettings: swiftSettings
        ),
        // Runs the built eksguard binary for the end-to-end tests of several test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
        // A scripted loopback HTTP server (fake AWS endpoints, fault-injecting proxy) for the AWS tests.
        .target(
            name: "AWSTestSupport",
            dependencies: ["ClusterSnapshot"],
            path: "Tests/AWSTestSupport",
            resources: [.copy("fake_aws.py")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AWSClientTests",
            dependencies: ["AWSClient", "ClusterSnapshot", "AWSTestSupport"],
            exclude: ["GenerateSigV4Vectors.py"],
            resources: [.copy("Vectors"), .copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ClusterCollectTests",
            dependencies: ["ClusterCollect", "ClusterSnapshot", "AWSClient", "AWSTestSupport", "TestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "NodeBenchmarkTests",
            dependencies: ["NodeBenchmark", "EKSGuardCore", "KubernetesAudit", "Reports"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ImageScanTests",
            dependencies: [
                "ImageScan", "EKSGuardCore", "SystemZlib", "SystemZstd", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["generate_version_tables.py", "generate_cvss_tables.py", "make_rpm_fixtures.sh", "make_distro_rpm_fixtures.sh", "rpm_fixture_lib.sh", "apk_reference"],
            resources: [.copy("Data")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "eksguard", "EKSGuardCore", "KubernetesAudit", "KubernetesClient", "AWSClient", "DockerfileLint", "Reports", "ImageScan",
                "TestSupport",
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
