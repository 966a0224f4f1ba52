import ClusterSnapshot

/// Instance families and whether they encrypt traffic between instances automatically (Nitro
/// in-transit encryption), for when the snapshot has no `ec2:DescribeInstanceTypes` answer (an
/// audit from Kubernetes objects only). From the catalog's §9.1 (EC2 `NetworkInfo.EncryptionInTransitSupported`
/// as published for every type, snapshot 2026-08-21); the API answer always wins.
package enum EncryptingInstanceFamilies {
    package static let encrypting: Set<String> = [
        "m5dn", "m5n", "m5zn", "m6a", "m6i", "m6id", "m6idn", "m6in", "m7a", "m7g", "m7gd", "m7i", "m7i-flex", "m8a", "m8azn",
        "m8g", "m8gb", "m8gd", "m8gn", "m8i", "m8i-flex", "m8ib", "m8id", "m8idb", "m8idn", "m8in", "m8ine", "m9g", "m9gd",
        "c5a", "c5ad", "c5n", "c6a", "c6gn", "c6i", "c6id", "c6in", "c7a", "c7g", "c7gd", "c7gn", "c7i", "c7i-flex", "c8a", "c8g",
        "c8gb", "c8gd", "c8gn", "c8i", "c8i-flex", "c8ib", "c8id", "c8in", "c8ine", "c9g", "c9gd", "hpc6a", "hpc7a", "hpc7g", "hpc8a",
        "r5dn", "r5n", "r6a", "r6i", "r6id", "r6idn", "r6in", "r7a", "r7g", "r7gd", "r7i", "r7iz", "r8a", "r8g", "r8gb", "r8gd",
        "r8gn", "r8i", "r8i-flex", "r8ib", "r8id", "r8idb", "r8idn", "r8in", "x2idn", "x2iedn", "x2iezn", "x8aedz", "x8g", "x8i",
        "hpc6id", "u-3tb1", "u-6tb1", "u7i-6tb", "u7i-8tb", "u7i-12tb", "u7in-16tb", "u7in-24tb", "u7in-32tb",
        "d3", "d3en", "i3en", "i4g", "i4i", "i7i", "i7ie", "i8g", "i8ge", "im4gn", "is4gen",
        "dl2q", "f2", "g4ad", "g4dn", "g5", "g6", "g6e", "g6f", "g7", "g7e", "gr6", "gr6f", "inf1", "inf2", "p3dn", "p4d", "p4de",
        "p5", "p5e", "p5en", "p6-b200", "p6-b300", "trn1", "trn1n", "trn2", "vt1",
    ]

    package static let notEncrypting: Set<String> = [
        "a1", "c1", "c3", "c4", "c5", "c5d", "c6g", "c6gd", "d2", "g5g", "h1", "i2", "i3", "m1", "m2", "m3", "m4", "m5", "m5a",
        "m5ad", "m5d", "m6g", "m6gd", "r3", "r4", "r5", "r5a", "r5ad", "r5b", "r5d", "r6g", "r6gd", "t1", "t2", "t3", "t3a", "t4g",
        "x1", "x1e", "x2gd", "z1d",
    ]

    /// The family of an instance type: `m6i.large` → `m6i`, `u7i-12tb.224xlarge` → `u7i-12tb`.
    package static func family(of type: String) -> String {
        String(type.split(separator: ".", maxSplits: 1).first ?? Substring(type))
    }

    /// true/false from the table, nil for a family it does not list.
    package static func encrypts(_ type: String) -> Bool? {
        let family = family(of: type)
        if encrypting.contains(family) { return true }
        if notEncrypting.contains(family) { return false }
        return nil
    }

    /// Type → EncryptionInTransitSupported from every DescribeInstanceTypes answer of the snapshot.
    package static func apiAnswers(_ aws: AWSFacts?) -> [String: Bool] {
        var answers: [String: Bool] = [:]
        for (_, response) in (try? aws?.responses("ec2", "DescribeInstanceTypes").get()) ?? [] {
            for item in response["InstanceTypes"]?.array ?? [] {
                if let type = item["InstanceType"]?.string, let value = item[path: "NetworkInfo.EncryptionInTransitSupported"]?.bool {
                    answers[type] = value
                }
            }
        }
        return answers
    }

    /// The API answer for a type, else the table's.
    package static func encrypts(_ type: String, answers: [String: Bool]) -> Bool? {
        answers[type] ?? encrypts(type)
    }
}
