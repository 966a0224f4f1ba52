import EKSGuardCore

/// `COPY` or `ADD`: sources, destination and the options that matter to rules.
package struct CopyInstruction: Sendable {
    /// True for `ADD`.
    package let isAdd: Bool
    /// Sources as written, heredoc markers excluded (see `heredocSources`).
    package let sources: [ArgumentWord]
    package let destination: ArgumentWord
    /// Heredocs used as sources (`COPY <<EOF /etc/app.conf`).
    package let heredocSources: [Heredoc]
    package let isExecForm: Bool
    /// `--from` (a stage name, stage index or image).
    package let from: String?
    package let chown: String?
    package let chmod: String?
    /// `ADD --checksum=sha256:…`.
    package let checksum: String?
    package let link: Bool
    package let parents: Bool
    /// Every `--exclude` pattern.
    package let excludes: [String]
    /// `ADD --keep-git-dir`.
    package let keepGitDir: Bool

    static func parse(_ context: InstructionContext) throws(DockerfileParseError) -> CopyInstruction {
        var words: [ArgumentWord]
        switch context.form {
        case .exec(let strings):
            let position = context.argumentsPosition
            words = strings.map { ArgumentWord(text: $0, position: position) }
        case .shell:
            words = Words.whitespaceDelimited(context.bytes, context.argumentsRange).map(context.word)
        }
        let name = context.kind.rawValue
        guard words.count >= 2, let destination = words.popLast() else {
            throw context.error("\(name) requires at least two arguments: a source and a destination")
        }
        var sources: [ArgumentWord] = []
        var heredocSources: [Heredoc] = []
        for word in words {
            if !context.form.isExec, let heredoc = context.heredocs.first(where: { $0.marker == word.text }) {
                heredocSources.append(heredoc)
            } else {
                sources.append(word)
            }
        }
        return CopyInstruction(
            isAdd: context.kind == .add, sources: sources, destination: destination, heredocSources: heredocSources,
            isExecForm: context.form.isExec, from: context.flag("from")?.value, chown: context.flag("chown")?.value,
            chmod: context.flag("chmod")?.value, checksum: context.flag("checksum")?.value,
            link: context.flag("link")?.isEnabled ?? false, parents: context.flag("parents")?.isEnabled ?? false,
            excludes: context.flags.filter { $0.name == "exclude" }.compactMap(\.value),
            keepGitDir: context.flag("keep-git-dir")?.isEnabled ?? false)
    }
}
