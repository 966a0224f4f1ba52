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
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .target(name: "EKSGuardCore", swiftSettings: swiftSettings),
        .target(
            name: "KubernetesAudit",
            dependencies: ["EKSGuardCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(name: "DockerfileLint", dependencies: ["EKSGuardCore"], swiftSettings: swiftSettings),
        .target(name: "Reports", dependencies: ["EKSGuardCore"], swiftSettings: swiftSettings),
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
        .executableTarget(
            name: "eksguard",
            dependencies: [
                "EKSGuardCore", "KubernetesAudit", "DockerfileLint", "Reports", "AWSClient", "ClusterSnapshot",
                "ClusterCollect",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "EKSGuardCoreTests", dependencies: ["EKSGuardCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "KubernetesAuditTests",
            dependencies: ["KubernetesAudit", "EKSGuardCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DockerfileLintTests",
            dependencies: ["DockerfileLint", "EKSGuardCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "EKSGuardCore"],
            resources: [.copy("Golden")],
            swiftSettings: swiftSettings
        ),
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
            dependencies: ["ClusterCollect", "ClusterSnapshot", "AWSClient", "AWSTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["eksguard", "EKSGuardCore", "KubernetesAudit", "DockerfileLint", "Reports"],
            swiftSettings: swiftSettings
        ),
    ]
)
