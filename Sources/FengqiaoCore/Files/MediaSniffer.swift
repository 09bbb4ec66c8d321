/// Media types decided from the content, never trusted from the client (PLT-40).
public enum MediaSniffer {
    public static func sniff(_ b: [UInt8]) -> String {
        func starts(_ sig: [UInt8], at offset: Int = 0) -> Bool {
            b.count >= offset + sig.count && Array(b[offset..<(offset + sig.count)]) == sig
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "image/gif" }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return "image/webp" }
        if starts(Array("RIFF".utf8)) && starts(Array("WAVE".utf8), at: 8) { return "audio/wav" }
        if starts(Array("%PDF-".utf8)) { return "application/pdf" }
        if starts(Array("ftyp".utf8), at: 4) { return "video/mp4" }
        if starts(Array("ID3".utf8)) || starts([0xFF, 0xFB]) || starts([0xFF, 0xF3]) { return "audio/mpeg" }
        if starts(Array("#!AMR".utf8)) { return "audio/amr" }
        if starts([0x1A, 0x45, 0xDF, 0xA3]) { return "video/webm" }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            // Office Open XML files are ZIPs whose first entry names the part.
            let head = String(decoding: b.prefix(2048), as: UTF8.self)
            if head.contains("word/") { return "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }
            if head.contains("xl/") { return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }
            return "application/zip"
        }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return "application/x-ole-storage" }
        // Text if the sample is valid UTF-8 without control bytes other than tab, CR and LF.
        let sample = b.prefix(4096)
        if !sample.contains(where: { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20) }),
           String(validating: Array(sample), as: UTF8.self) != nil || sample.count == 4096 {
            return "text/plain"
        }
        return "application/octet-stream"
    }
}
