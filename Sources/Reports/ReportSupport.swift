import EKSGuardCore

// Helpers more than one writer needs. Kept free of any format's escaping rules, which live
// with their writers.

extension CheckStatus {
    /// The upper-case word the human-readable formats print.
    var label: String {
        switch self {
        case .pass: "PASS"
        case .fail: "FAIL"
        case .error: "ERROR"
        case .notApplicable: "N/A"
        case .waived: "WAIVED"
        }
    }
}

extension WaiverNote {
    /// `reason (owner X, expires Y)`, or `expired Y` once the date has passed, so every format
    /// words a waiver the same way.
    var summary: String {
        "\(reason) (owner \(owner), \(expired ? "expired" : "expires") \(expires))"
    }
}

extension ResourceRef {
    /// Whether the resource names something besides a file. When it does not, `displayName` is
    /// just the file again, and one-line formats print the location alone instead of both.
    var namesObject: Bool {
        kind != nil || namespace != nil || name != nil || container != nil || arn != nil
    }

    /// `Deployment/prod/web/app k8s/web.yaml:12:9`, `build/Dockerfile:3`, `Cluster/prod` or `-`.
    func label(separator: String) -> String {
        switch (namesObject, location) {
        case (true, let location?): displayName + separator + location
        case (true, nil): displayName
        case (false, let location?): location
        case (false, nil): "-"
        }
    }
}

/// Results grouped by practice, practices ascending, each group in input order. The engine already
/// sorts, but a stable grouping keeps the writers correct for any input order.
func practiceGroups(_ results: [CheckResult]) -> [(practice: Practice, results: [CheckResult])] {
    var buckets: [Practice: [CheckResult]] = [:]
    for result in results { buckets[result.practice, default: []].append(result) }
    return buckets.keys.sorted().map { ($0, buckets[$0]!) }
}

/// The IDs of failing checks in a group, in order of first failure, each with the remediation of
/// its first failure, so remediation can be printed once per check rather than per resource.
func failingChecks(_ results: [CheckResult]) -> [(id: String, title: String, remediation: String)] {
    var seen = Set<String>()
    var checks: [(id: String, title: String, remediation: String)] = []
    for result in results where result.status == .fail && seen.insert(result.checkID).inserted {
        checks.append((result.checkID, result.title, result.remediation))
    }
    return checks
}

/// The summary line every human-readable format ends with. The words do not change with the
/// count ("1 errors") so scripts can match the line.
func summaryLine(_ summary: Summary) -> String {
    "\(summary.pass) passed, \(summary.fail) failed, \(summary.error) errors, "
        + "\(summary.notApplicable) not applicable, \(summary.waived) waived"
}

/// `3/1/0/0/2`: passed/failed/errors/not applicable/waived, the scoreboard's compact counts.
func slashCounts(_ summary: Summary) -> String {
    "\(summary.pass)/\(summary.fail)/\(summary.error)/\(summary.notApplicable)/\(summary.waived)"
}

extension Unicode.Scalar {
    /// Characters that must not reach a terminal or a rendered page as themselves: C0 and C1
    /// controls (an ESC in a manifest could rewrite the terminal) and the bidirectional overrides
    /// that can make text read differently from what it is ("Trojan Source").
    var isUnsafeForDisplay: Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

extension String {
    /// Whether any UTF-8 byte of the string satisfies `predicate`. Scans the string's own
    /// contiguous storage: the writers call this on every field of every result, and the generic
    /// `utf8.contains(where:)` is several times slower on a large report.
    func containsUTF8Byte(where predicate: (UInt8) -> Bool) -> Bool {
        var copy = self
        return copy.withUTF8 { $0.contains(where: predicate) }
    }

    /// The string with some ASCII bytes replaced (`&` by `&amp;`), the runs between them copied
    /// as they are. Every writer escapes this way: one scan, and no copy at all for the common
    /// string that needs nothing.
    func replacingASCII(_ replacement: (UInt8) -> String?) -> String {
        var copy = self
        return copy.withUTF8 { utf8 in
            var out: [UInt8] = []
            var runStart = 0
            for index in utf8.indices where utf8[index] < 0x80 {
                guard let replacement = replacement(utf8[index]) else { continue }
                if out.isEmpty { out.reserveCapacity(utf8.count + 16) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                out.append(contentsOf: replacement.utf8)
                runStart = index + 1
            }
            guard runStart > 0 else { return self }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The text with unsafe characters written as `\u{1B}`, so they are visible but inert.
    /// Tab always survives; newline survives only when the caller lays out multi-line text.
    func escapingUnsafeCharacters(keepNewlines: Bool = false) -> String {
        // Nearly every string is clean: return it without copying. A conservative byte test
        // first: every unsafe scalar starts with a C0 byte, DEL, 0xC2 (U+0080...U+009F) or 0xE2
        // (U+202A... and U+2066...).
        let suspicious = containsUTF8Byte { byte in
            switch byte {
            case 0x09: false
            case 0x0A: !keepNewlines
            case 0x00...0x1F, 0x7F, 0xC2, 0xE2: true
            default: false
            }
        }
        guard suspicious else { return self }
        func keep(_ scalar: Unicode.Scalar) -> Bool {
            !scalar.isUnsafeForDisplay || scalar == "\t" || (keepNewlines && scalar == "\n")
        }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if keep(scalar) {
                out.append(scalar)
            } else {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            }
        }
        return String(out)
    }
}

extension CheckResult {
    /// The message, followed on its own line by the waiver that applies (or applied and expired):
    /// what the table-shaped formats put in one cell.
    var messageWithWaiver: String {
        guard let waiver else { return message }
        return message + "\n" + (status == .waived ? "Waived: " : "Waiver: ") + waiver.summary
    }
}
