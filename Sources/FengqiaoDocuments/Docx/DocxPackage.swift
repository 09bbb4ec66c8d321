import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the parts of a DOCX (or any ZIP) in memory, with the one defensive ZIP reader the XLSX
/// reader and archive verification use (`ZIPDirectory`: every offset checked, every inflate bounded,
/// entry count and total expansion capped, X-06).
enum DocxPackage {
    /// The largest part read (a DOCX's document.xml is rarely above a few MB).
    static let maxPartBytes: UInt64 = 64 << 20

    /// The paths of the file entries, in archive order.
    static func entryPaths(_ data: Data) throws -> [String] {
        try ZIPDirectory(DataBytes(data)).records.filter { !$0.isDirectory }.map(\.path)
    }

    /// One part as UTF-8 text, or nil when there is no such part.
    static func text(_ path: String, in data: Data) throws -> String? {
        try bytes(path, in: data).map { String(decoding: $0, as: UTF8.self) }
    }

    /// One part's bytes (size and CRC-32 checked), or nil when there is no such part.
    static func bytes(_ path: String, in data: Data) throws -> [UInt8]? {
        let zip = DataBytes(data)
        guard let record = try ZIPDirectory(zip).records.last(where: { $0.path == path }) else { return nil }
        guard record.uncompressedSize <= maxPartBytes else { throw ZIPFormatError.tooLong }
        var bytes = Data()
        try ZIPDirectory.read(record, from: zip, limit: record.uncompressedSize) { bytes.append($0) }
        guard UInt64(bytes.count) == record.uncompressedSize,
              bytes.withUnsafeBytes({ ZIPDirectory.crc32(0, $0) }) == record.crc32 else { throw ZIPFormatError.truncated }
        return [UInt8](bytes)
    }

    /// Why a file is not a readable Word document; `code` is stable, `messageZH` is for the user.
    struct Failure: Error, Equatable {
        let code: String
        let messageZH: String
    }

    /// Checks that `data` is a DOCX whose main part (word/document.xml) is there and well-formed,
    /// as a DOCX from outside (a template, say) must be before it is used; throws `Failure`.
    static func check(_ data: Data) throws(Failure) {
        let part: [UInt8]?
        do {
            guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { throw ZIPFormatError.malformed("not a ZIP") }
            part = try Self.bytes("word/document.xml", in: data)
        } catch {
            throw Failure(code: "docx.damaged", messageZH: "文件不是有效的Word文档（.docx），可能上传不完整或已损坏，请在Word中重新保存后再上传")
        }
        guard let bytes = part else {
            throw Failure(code: "docx.no-document", messageZH: "文件中没有Word正文（word/document.xml），不是有效的.docx文档")
        }
        // XMLParser(stream:) as in `XMLElementCollector` (XMLParser(data:) fails above 10 MB on Linux).
        // Neither reports a document cut short (libxml2 is never told the input ended), so the
        // elements are counted: the root must have closed, and nothing be left open.
        let parser = XMLParser(stream: InputStream(data: Data(bytes)))
        parser.shouldResolveExternalEntities = false
        let depth = DepthCounter()
        parser.delegate = depth
        // OPC forbids DTDs; refusing them rules out entity expansion too. NUL is never allowed in XML
        // (and at the start makes libxml2 guess UTF-16, see `XMLElementCollector.collect`).
        guard !bytes.contains(0), bytes.withUnsafeBufferPointer(CSVReader.isValidUTF8),
              !XMLElementCollector.hasDoctype(bytes), parser.parse(), depth.closedRoot, depth.depth == 0 else {
            throw Failure(code: "docx.malformed", messageZH: "Word正文（word/document.xml）的XML格式有误，请在Word中重新保存后再上传")
        }
    }
}

/// Counts open elements, for `DocxPackage.check`: XMLParser on Linux accepts a document cut short.
private final class DepthCounter: NSObject, XMLParserDelegate {
    var depth = 0
    var closedRoot = false

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        depth += 1
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        depth -= 1
        if depth == 0 { closedRoot = true }
    }
}
