extension String {
    /// Substring search over UTF-8 bytes. Rules test many short strings against short patterns,
    /// and the generic `contains` of the standard library builds a searcher for every call, which
    /// made it the largest cost of linting. Byte equality is exact (no Unicode normalisation), which
    /// is what matching command names, paths and variable names needs.
    func contains(_ pattern: String) -> Bool {
        var pattern = pattern
        var text = self
        return pattern.withUTF8 { needle in
            text.withUTF8 { haystack in
                guard !needle.isEmpty else { return true }
                guard needle.count <= haystack.count else { return false }
                let first = needle[0]
                var i = 0
                let last = haystack.count - needle.count
                while i <= last {
                    if haystack[i] == first {
                        var j = 1
                        while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                        if j == needle.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
