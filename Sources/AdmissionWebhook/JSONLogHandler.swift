import Foundation
import Logging

/// One JSON object per line on standard error (time, level, message and metadata), the form log
/// collectors in a cluster parse without configuration.
package struct JSONLogHandler: LogHandler {
    package var metadata: Logger.Metadata = [:]
    package var logLevel: Logger.Level = .info
    private let label: String

    package init(label: String) { self.label = label }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        var line = "{\"time\":\(JSON.string(Date().formatted(.iso8601))),\"level\":\(JSON.string(event.level.rawValue)),\"logger\":\(JSON.string(label)),\"msg\":\(JSON.string(event.message.description))"
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            line += ",\(JSON.string(key)):\(JSON.string(value.description))"
        }
        line += "}\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
