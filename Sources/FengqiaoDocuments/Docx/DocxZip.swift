import Foundation
#if canImport(CZlib)
import CZlib  // zlib, through ZIPFoundation's system-library module (Linux)
#elseif canImport(zlib)
import zlib  // zlib in the Apple SDKs
#endif

/// A minimal ZIP writer for DOCX packages: deflated (or stored) entries written in one pass into
/// memory, with a fixed DOS timestamp so the same parts give the same bytes. No ZIP64, no data
/// descriptors, no extra fields: a DOCX is a few small parts.
///
/// The headers match what ZIPFoundation wrote before (version 2.0 to extract, made by Unix 2.1,
/// UTF-8 names, mode 0644), so readers see the same package. The timestamp is a constant, not a
/// conversion of a `Date` (ZIPFoundation converts with `gmtime`, which is not thread-safe).
enum DocxZip {
    /// One entry, compressed and checksummed.
    struct Entry: Sendable {
        var name: [UInt8]
        /// 0 stored, 8 deflated.
        var method: UInt16
        var crc32: UInt32
        var uncompressedSize: Int
        var data: [UInt8]

        /// - Parameter level: zlib's compression level (1 fastest … 9 smallest).
        init(_ path: String, _ bytes: [UInt8], level: Int32 = DocxZip.defaultLevel) {
            name = Array(path.utf8)
            crc32 = bytes.withUnsafeBytes { ZIPDirectory.crc32(0, $0) }
            uncompressedSize = bytes.count
            if let deflated = DocxZip.deflate(bytes, level: level), deflated.count < bytes.count {
                method = 8
                data = deflated
            } else {
                method = 0
                data = bytes
            }
        }
    }

    /// 2020-01-01 00:00:00 as MS-DOS date and time: ((2020 − 1980) << 9) | (1 << 5) | 1, and 0.
    static let dosDate: UInt16 = (2020 - 1980) << 9 | 1 << 5 | 1
    static let dosTime: UInt16 = 0

    /// The level for parts made per document (`word/document.xml`): zlib's 3 takes half the time of
    /// its default 6 for about a tenth more compressed size (3.6 KB rather than 3.3 KB for a
    /// 40 KB notice). Fixed parts are compressed once, at 9.
    static let defaultLevel: Int32 = 3

    /// The ZIP file of `entries`, in order.
    static func archive(_ entries: [Entry]) -> Data {
        var size = 22
        for e in entries { size += 30 + 46 + 2 * e.name.count + e.data.count }
        var out = [UInt8]()
        out.reserveCapacity(size)
        var offsets: [Int] = []
        offsets.reserveCapacity(entries.count)
        for e in entries {
            offsets.append(out.count)
            put32(&out, 0x0403_4B50)
            put16(&out, 20)  // version needed to extract: 2.0
            put16(&out, 0x0800)  // flags: names are UTF-8
            put16(&out, e.method)
            put16(&out, dosTime)
            put16(&out, dosDate)
            put32(&out, e.crc32)
            put32(&out, UInt32(e.data.count))
            put32(&out, UInt32(e.uncompressedSize))
            put16(&out, UInt16(e.name.count))
            put16(&out, 0)  // extra field length
            out.append(contentsOf: e.name)
            out.append(contentsOf: e.data)
        }
        let directoryOffset = out.count
        for (e, offset) in zip(entries, offsets) {
            put32(&out, 0x0201_4B50)
            put16(&out, 0x0315)  // made by: Unix, 2.1
            put16(&out, 20)
            put16(&out, 0x0800)
            put16(&out, e.method)
            put16(&out, dosTime)
            put16(&out, dosDate)
            put32(&out, e.crc32)
            put32(&out, UInt32(e.data.count))
            put32(&out, UInt32(e.uncompressedSize))
            put16(&out, UInt16(e.name.count))
            put16(&out, 0)  // extra field length
            put16(&out, 0)  // comment length
            put16(&out, 0)  // disk number
            put16(&out, 0)  // internal attributes
            put32(&out, 0o100644 << 16)  // external attributes: regular file, rw-r--r--
            put32(&out, UInt32(offset))
            out.append(contentsOf: e.name)
        }
        let directorySize = out.count - directoryOffset
        put32(&out, 0x0605_4B50)
        put16(&out, 0)  // this disk
        put16(&out, 0)  // disk with the directory
        put16(&out, UInt16(entries.count))
        put16(&out, UInt16(entries.count))
        put32(&out, UInt32(directorySize))
        put32(&out, UInt32(directoryOffset))
        put16(&out, 0)  // comment length
        return Data(out)
    }

    /// Whether the sizes fit a ZIP without ZIP64 (a DOCX part is far smaller).
    static func fits(_ entries: [Entry]) -> Bool {
        entries.count < 0xFFFF
            && entries.reduce(0) { $0 + 76 + 2 * $1.name.count + $1.data.count } < 0xFFFF_FFFF
            && entries.allSatisfy { $0.uncompressedSize < 0xFFFF_FFFF && $0.name.count < 0xFFFF }
    }

    @inline(__always)
    private static func put16(_ out: inout [UInt8], _ v: UInt16) {
        out.append(UInt8(truncatingIfNeeded: v))
        out.append(UInt8(truncatingIfNeeded: v >> 8))
    }

    @inline(__always)
    private static func put32(_ out: inout [UInt8], _ v: UInt32) {
        put16(&out, UInt16(truncatingIfNeeded: v))
        put16(&out, UInt16(truncatingIfNeeded: v >> 16))
    }

    /// Raw deflate (no zlib header), as ZIP method 8 holds it; nil when zlib is not available or fails
    /// (the entry is then stored).
    static func deflate(_ bytes: [UInt8], level: Int32) -> [UInt8]? {
        #if canImport(CZlib) || canImport(zlib)
        var stream = z_stream()
        guard deflateInit2_(&stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(bytes.count)))
        var ok = false
        let out = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            count = 0
            bytes.withUnsafeBufferPointer { input in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = UInt32(input.count)
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(buffer.count)
                ok = CZlibDeflate.finish(&stream) == Z_STREAM_END
                count = ok ? buffer.count - Int(stream.avail_out) : 0
            }
        }
        return ok ? out : nil
        #else
        return nil
        #endif
    }
}

#if canImport(CZlib) || canImport(zlib)
/// zlib's `deflate`, named apart from `DocxZip.deflate`.
private enum CZlibDeflate {
    static func finish(_ stream: inout z_stream) -> Int32 {
        deflate(&stream, Z_FINISH)
    }
}
#endif
