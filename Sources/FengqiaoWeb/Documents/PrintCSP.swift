import Crypto
import Foundation

/// The print view (打印) is a self-contained HTML document with its own `<style>` block and column
/// widths and row heights as `style` attributes (GB/T 9704 layout). The app's CSP forbids inline
/// styles; rather than loosen it for every page, the print response names the exact styles it
/// carries by SHA-256 (CSP level 3 hashes; `'unsafe-hashes'` for the attributes), and nothing else.
enum PrintCSP {
    static func policy(for html: String) -> String {
        var hashes = Set<String>()
        for block in between(html, "<style>", "</style>") { hashes.insert(hash(block)) }
        for attribute in between(html, " style=\"", "\"") { hashes.insert(hash(attribute)) }
        let sources = hashes.sorted().map { "'sha256-\($0)'" }.joined(separator: " ")
        return "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-hashes' \(sources); script-src 'self'; frame-ancestors 'none'"
    }

    static func hash(_ text: String) -> String { Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString() }

    /// Every text between `open` and the next `close`.
    static func between(_ s: String, _ open: String, _ close: String) -> [String] {
        var out: [String] = []
        var rest = s[...]
        while let a = rest.range(of: open), let b = rest[a.upperBound...].range(of: close) {
            out.append(String(rest[a.upperBound..<b.lowerBound]))
            rest = rest[b.upperBound...]
        }
        return out
    }
}
