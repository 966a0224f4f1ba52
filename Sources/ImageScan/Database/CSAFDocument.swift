/// The parts of a CSAF 2.0 document (OASIS CSAF v2.0, sections 3.1–3.2) that the importer reads:
/// the tracking id and ratings, the product tree and every vulnerability's product status and scores.
struct CSAFDocument: Decodable {
    struct Document: Decodable {
        struct Publisher: Decodable {
            var name: String?
            var namespace: String?
        }
        struct Tracking: Decodable {
            var id: String
            var initial_release_date: String?
            var current_release_date: String?
        }
        struct AggregateSeverity: Decodable {
            var text: String
        }
        var csaf_version: String
        var category: String?
        var title: String?
        var publisher: Publisher?
        var tracking: Tracking
        var aggregate_severity: AggregateSeverity?
    }

    struct Product: Decodable {
        struct Helper: Decodable {
            var cpe: String?
            var purl: String?
        }
        var name: String?
        var product_id: String
        var product_identification_helper: Helper?
    }

    struct Branch: Decodable {
        var category: String?
        var name: String?
        var product: Product?
        var branches: [Branch]?
    }

    struct Relationship: Decodable {
        var category: String
        var full_product_name: Product
        var product_reference: String
        var relates_to_product_reference: String
    }

    struct ProductTree: Decodable {
        var branches: [Branch]?
        var full_product_names: [Product]?
        var relationships: [Relationship]?
    }

    struct Vulnerability: Decodable {
        struct Status: Decodable {
            var fixed: [String]?
            var first_fixed: [String]?
            var known_affected: [String]?
            var last_affected: [String]?
        }
        struct Score: Decodable {
            struct CVSS: Decodable {
                var vectorString: String?
            }
            var cvss_v3: CVSS?
            var products: [String]?
        }
        struct Threat: Decodable {
            var category: String
            var details: String
            var product_ids: [String]?
        }
        var cve: String?
        var title: String?
        var product_status: Status?
        var scores: [Score]?
        var threats: [Threat]?
    }

    var document: Document
    var product_tree: ProductTree?
    var vulnerabilities: [Vulnerability]?
}
