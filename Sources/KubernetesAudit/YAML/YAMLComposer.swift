import CYaml
import EKSGuardCore

/// Builds ``SourceNode`` trees from libyaml's event stream, iteratively (no recursion, so deep
/// input cannot overflow the stack), with a nesting limit, an alias-expansion budget, merge keys
/// (`<<`) and last-wins duplicate keys, the way Kubernetes' YAML decoding reads them.
struct YAMLComposer {
    let limits: YAMLLimits
    /// Added to libyaml's 0-based line numbers so positions are file lines.
    let lineOffset: Int

    private enum Frame {
        case sequence(items: [SourceNode], position: SourcePosition, anchor: String?, startCount: Int)
        case mapping(
            entries: [SourceEntry], pendingKey: PendingKey?, merges: [SourceNode],
            position: SourcePosition, anchor: String?, startCount: Int)
    }

    private struct PendingKey {
        var key: String
        var position: SourcePosition
        /// A plain `<<` key: YAML's merge key. A quoted "<<" is an ordinary key.
        var isMerge: Bool
    }

    private struct Anchored {
        var node: SourceNode
        var size: Int
    }

    /// Parses every document of one chunk of the stream (normally exactly one).
    func documents(_ bytes: ArraySlice<UInt8>) -> Result<[SourceNode], YAMLError> {
        bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                return .failure(YAMLError("cannot initialise the YAML parser", at: position(line: 0, column: 0)))
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            return compose(&parser)
        }
    }

    private func position(line: Int, column: Int) -> SourcePosition {
        SourcePosition(line: line + lineOffset + 1, column: column + 1)
    }

    private func position(_ mark: yaml_mark_t) -> SourcePosition {
        position(line: Int(mark.line), column: Int(mark.column))
    }

    private func parserError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = parser.context.map { String(cString: $0) }
        let message = context.map { "\(problem) \($0)" } ?? problem
        return YAMLError(message, at: position(parser.problem_mark))
    }

    private func compose(_ parser: inout yaml_parser_t) -> Result<[SourceNode], YAMLError> {
        var documents: [SourceNode] = []
        var stack: [Frame] = []
        var anchors: [String: Anchored] = [:]
        var count = 0
        var root: SourceNode?
        var event = yaml_event_t()

        // Hands a finished node to its parent frame, or makes it the document root.
        func deliver(_ node: SourceNode) -> YAMLError? {
            guard let top = stack.popLast() else {
                root = node
                return nil
            }
            switch top {
            case .sequence(var items, let position, let anchor, let start):
                items.append(node)
                stack.append(.sequence(items: items, position: position, anchor: anchor, startCount: start))
            case .mapping(var entries, let pendingKey, var merges, let position, let anchor, let start):
                if let pending = pendingKey {
                    let entry = SourceEntry(key: pending.key, keyPosition: pending.position, value: node)
                    if pending.isMerge {
                        merges.append(node)
                    } else if let existing = entries.firstIndex(where: { $0.key == pending.key }) {
                        // Duplicate keys: the last one wins, as in Kubernetes' non-strict decoding.
                        entries[existing] = entry
                    } else {
                        entries.append(entry)
                    }
                    stack.append(.mapping(entries: entries, pendingKey: nil, merges: merges, position: position, anchor: anchor, startCount: start))
                } else {
                    guard let scalar = node.scalar else {
                        return YAMLError("mapping keys must be scalars", at: node.position)
                    }
                    let pending = PendingKey(key: scalar.text, position: node.position, isMerge: scalar.isPlain && scalar.text == "<<")
                    stack.append(.mapping(entries: entries, pendingKey: pending, merges: merges, position: position, anchor: anchor, startCount: start))
                }
            }
            return nil
        }

        func register(_ anchor: String?, _ node: SourceNode, size: Int) {
            if let anchor { anchors[anchor] = Anchored(node: node, size: size) }
        }

        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                return .failure(parserError(parser))
            }
            defer { yaml_event_delete(&event) }
            let at = position(event.start_mark)
            var failure: YAMLError?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return .success(documents)
            case YAML_DOCUMENT_START_EVENT:
                root = nil
                anchors = [:]
                count = 0
            case YAML_DOCUMENT_END_EVENT:
                if let root { documents.append(root) }
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let text = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self) } ?? ""
                let tag = s.tag.map { String(cString: $0) }
                let plain = s.style == YAML_PLAIN_SCALAR_STYLE && tag == nil
                let node = SourceNode(.scalar(SourceScalar(text: text, isPlain: plain, tag: tag)), at: at)
                count += 1
                register(s.anchor.map { String(cString: $0) }, node, size: 1)
                failure = deliver(node)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                guard stack.count < limits.maxDepth else {
                    return .failure(YAMLError("nesting deeper than \(limits.maxDepth) levels", at: at))
                }
                count += 1
                if event.type == YAML_SEQUENCE_START_EVENT {
                    let anchor = event.data.sequence_start.anchor.map { String(cString: $0) }
                    stack.append(.sequence(items: [], position: at, anchor: anchor, startCount: count))
                } else {
                    let anchor = event.data.mapping_start.anchor.map { String(cString: $0) }
                    stack.append(.mapping(entries: [], pendingKey: nil, merges: [], position: at, anchor: anchor, startCount: count))
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { break }
                switch frame {
                case .sequence(let items, let position, let anchor, let start):
                    let node = SourceNode(.sequence(items), at: position)
                    register(anchor, node, size: count - start + 1)
                    failure = deliver(node)
                case .mapping(let entries, _, let merges, let position, let anchor, let start):
                    let node = SourceNode(.mapping(Self.applyMerges(entries, merges)), at: position)
                    register(anchor, node, size: count - start + 1)
                    failure = deliver(node)
                }
            case YAML_ALIAS_EVENT:
                let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                guard let anchored = anchors[name] else {
                    return .failure(YAMLError("unknown alias *\(name)", at: at))
                }
                count += anchored.size
                var node = anchored.node
                node.position = at
                failure = deliver(node)
            default:
                break
            }
            if let failure { return .failure(failure) }
            if count > limits.maxNodesPerDocument {
                return .failure(YAMLError(
                    "document expands to more than \(limits.maxNodesPerDocument) nodes (alias bomb?)", at: at))
            }
        }
    }

    /// `<<: *base` and `<<: [*a, *b]`: keys written in the mapping win, then earlier merge sources.
    private static func applyMerges(_ entries: [SourceEntry], _ merges: [SourceNode]) -> [SourceEntry] {
        guard !merges.isEmpty else { return entries }
        var result = entries
        let sources = merges.flatMap { $0.items ?? [$0] }
        for source in sources {
            for entry in source.entries ?? [] where !result.contains(where: { $0.key == entry.key }) {
                result.append(entry)
            }
        }
        return result
    }
}
