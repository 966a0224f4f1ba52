import Foundation

/// Software bills of materials of an image's OS packages: CycloneDX 1.5 JSON and SPDX 2.3 JSON.
public enum SBOMFormat: String, Sendable, CaseIterable {
    case cyclonedx
    case spdxJSON = "spdx-json"

    /// `now` and `serial` are parameters so the output is reproducible in tests.
    public func render(_ inventory: ImageInventory, now: Date = Date(), serial: UUID = UUID()) throws -> String {
        let document: [String: Any]
        switch self {
        case .cyclonedx: document = Self.cyclonedx(inventory, now: now, serial: serial)
        case .spdxJSON: document = Self.spdx(inventory, now: now, serial: serial)
        }
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    private static func sortedPackages(_ inventory: ImageInventory) -> [InstalledPackage] {
        inventory.packages.sorted { ($0.name, $0.architecture, $0.version) < ($1.name, $1.architecture, $1.version) }
    }

    static func cyclonedx(_ inventory: ImageInventory, now: Date, serial: UUID) -> [String: Any] {
        var components: [[String: Any]] = []
        if let os = inventory.os {
            components.append(["type": "operating-system", "name": os.family.rawValue, "version": os.version, "bom-ref": "os"])
        }
        for package in sortedPackages(inventory) {
            let purl = package.purl(os: inventory.os)
            var component: [String: Any] = [
                "type": "library", "name": package.name, "version": package.version, "purl": purl, "bom-ref": purl,
                "properties": [
                    ["name": "eksguard:package:source", "value": package.sourceName],
                    ["name": "eksguard:package:source-version", "value": package.sourceVersion],
                    ["name": "eksguard:layer", "value": String(package.layer + 1)],
                ],
            ]
            if !package.license.isEmpty { component["licenses"] = [["expression": package.license]] }
            components.append(component)
        }
        return [
            "bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "serialNumber": "urn:uuid:\(serial.uuidString.lowercased())",
            "metadata": [
                "timestamp": timestamp(now),
                "tools": ["components": [["type": "application", "name": "eksguard", "version": EKSGuardVersion.current]]],
                "component": ["type": "container", "name": inventory.name, "bom-ref": "image"],
            ],
            "components": components,
        ]
    }

    static func spdx(_ inventory: ImageInventory, now: Date, serial: UUID) -> [String: Any] {
        var packages: [[String: Any]] = [[
            "SPDXID": "SPDXRef-Image", "name": inventory.name, "downloadLocation": "NOASSERTION", "filesAnalyzed": false,
            "primaryPackagePurpose": "CONTAINER",
        ]]
        var relationships: [[String: Any]] = [[
            "spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-Image",
        ]]
        for (index, package) in sortedPackages(inventory).enumerated() {
            let id = "SPDXRef-Package-\(index + 1)"
            packages.append([
                "SPDXID": id, "name": package.name, "versionInfo": package.version, "downloadLocation": "NOASSERTION",
                "filesAnalyzed": false, "sourceInfo": "built from \(package.sourceName) \(package.sourceVersion)",
                "licenseDeclared": package.license.isEmpty ? "NOASSERTION" : package.license,
                "externalRefs": [["referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": package.purl(os: inventory.os)]],
            ])
            relationships.append(["spdxElementId": "SPDXRef-Image", "relationshipType": "CONTAINS", "relatedSpdxElement": id])
        }
        return [
            "spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT", "name": inventory.name,
            "documentNamespace": "https://eksguard.invalid/spdx/\(serial.uuidString.lowercased())",
            "creationInfo": ["created": timestamp(now), "creators": ["Tool: eksguard-\(EKSGuardVersion.current)"]],
            "packages": packages, "relationships": relationships,
        ]
    }
}

import EKSGuardCore

enum EKSGuardVersion {
    static var current: String { EKSGuard.version }
}
