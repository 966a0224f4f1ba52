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
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
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
        // zlib and zstd from the system (Debian's zlib1g-dev and libzstd-dev): layer decompression.
        .systemLibrary(name: "SystemZlib", path: "Sources/SystemZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "SystemZstd", path: "Sources/SystemZstd", providers: [.apt(["libzstd-dev"])]),
        .target(
            name: "ImageScan",
            dependencies: [
                "EKSGuardCore", "SystemZlib", "SystemZstd",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "eksguard",
            dependencies: [
                "EKSGuardCore", "KubernetesAudit", "DockerfileLint", "Reports", "ImageScan",
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
        .testTarget(
            name: "ImageScanTests",
            dependencies: [
                "ImageScan", "EKSGuardCore", "SystemZlib", "SystemZstd", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["generate_version_tables.py", "make_rpm_fixtures.sh"],
            resources: [.copy("Data")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["eksguard", "EKSGuardCore", "KubernetesAudit", "DockerfileLint", "Reports", "ImageScan"],
            swiftSettings: swiftSettings
        ),
    ]
)
