import Crypto
import Foundation
import ZIPFoundation

// DOC-44: a case file's archive package — a ZIP with the documents, the attachments, the index
// (《文书清单》), the audit extract and `manifest.json`, which lists every other file with its size
// and SHA-256 so that `fengqiao archive verify` can tell an intact package from an altered one.

/// One file of an archive package.
public struct ArchiveEntry: Sendable, Equatable {
    /// Relative, `/`-separated, e.g. `documents/001-中村约〔2025〕12号.docx`,
    /// `attachments/<sha256>.jpg`, `index.csv`, `audit.jsonl`.
    public var path: String
    public var data: Data

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }
}

/// What the manifest says about the package as a whole.
public struct ArchiveMeta: Sendable, Equatable, Codable {
    /// The package's identifier, chosen by the caller (e.g. a UUID or the archive number).
    public var packageID: String
    /// When the package was made, as the caller formats it (from the injected clock).
    public var createdAt: String
    /// The case numbers the package holds.
    public var caseNumbers: [String]
    /// The hash in the manifest; only `SHA-256` is supported.
    public var hashAlgorithm: String

    public init(packageID: String, createdAt: String, caseNumbers: [String],
                hashAlgorithm: String = ArchivePackage.hashAlgorithm) {
        self.packageID = packageID
        self.createdAt = createdAt
        self.caseNumbers = caseNumbers
        self.hashAlgorithm = hashAlgorithm
    }

    enum CodingKeys: String, CodingKey {
        case packageID = "packageId", createdAt, caseNumbers, hashAlgorithm
    }
}

/// One line of the manifest: a file of the package, its size and its SHA-256.
public struct ArchiveManifestFile: Sendable, Equatable, Codable {
    public var path: String
    /// Bytes, uncompressed.
    public var size: Int64
    /// Lowercase hexadecimal SHA-256 of the file's bytes.
    public var sha256: String

    public init(path: String, size: Int64, sha256: String) {
        self.path = path
        self.size = size
        self.sha256 = sha256
    }
}

/// Why a package cannot be written. `code` is stable English; `messageZH` is shown.
public enum ArchivePackageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path is empty or has an empty name (`a//b`, a trailing `/`).
    case emptyName(String)
    /// The path starts with `/` (or is a drive path such as `C:`).
    case absolutePath(String)
    /// The path has a `.` or `..` component; `..` would escape the folder the package is unpacked in.
    case dotComponent(String)
    /// The path has a backslash or a control character (Windows unpackers take `\` as a separator).
    case invalidCharacter(String)
    /// A name is longer than 255 bytes, or the path longer than 4096 bytes (file-system limits).
    case pathTooLong(String)
    /// Two entries have the same path, ignoring case (they would overwrite each other on Windows
    /// and macOS).
    case duplicatePath(String)
    /// `manifest.json` is written by the package itself.
    case reservedName(String)
    /// The manifest's hash is SHA-256; another algorithm was asked for.
    case unsupportedHashAlgorithm(String)
    /// The ZIP container could not be written.
    case packaging(String)

    public var code: String {
        switch self {
        case .emptyName: return "archive.empty-name"
        case .absolutePath: return "archive.absolute-path"
        case .dotComponent: return "archive.dot-component"
        case .invalidCharacter: return "archive.invalid-character"
        case .pathTooLong: return "archive.path-too-long"
        case .duplicatePath: return "archive.duplicate-path"
        case .reservedName: return "archive.reserved-name"
        case .unsupportedHashAlgorithm: return "archive.unsupported-hash-algorithm"
        case .packaging: return "archive.packaging"
        }
    }

    public var messageZH: String {
        switch self {
        case .emptyName(let path): return "文件路径“\(path)”中有空的文件名或文件夹名"
        case .absolutePath(let path): return "文件路径“\(path)”应为相对路径，不能以“/”或盘符开头"
        case .dotComponent(let path): return "文件路径“\(path)”不能含有“.”或“..”"
        case .invalidCharacter(let path): return "文件路径“\(path)”含有反斜杠或控制字符"
        case .pathTooLong(let path): return "文件路径“\(path)”过长（每级名称不超过255字节，全长不超过4096字节）"
        case .duplicatePath(let path): return "文件路径“\(path)”重复（不区分大小写）"
        case .reservedName(let path): return "“\(path)”是归档包清单的保留文件名，不能作为文件名"
        case .unsupportedHashAlgorithm(let name): return "不支持的摘要算法“\(name)”，仅支持SHA-256"
        case .packaging(let detail): return "无法生成归档包：\(detail)"
        }
    }

    public var description: String { "\(code): \(messageZH)" }
}

/// One thing wrong with a package found by `ArchivePackage.verify`. `code` is stable English;
/// `messageZH` is shown.
public enum ArchiveProblem: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The file could not be read at all (missing, no permission).
    case packageUnreadable(String)
    /// The bytes are not a ZIP archive.
    case notAZip
    /// The ZIP has no `manifest.json`.
    case manifestMissing
    /// `manifest.json` is not a manifest this version understands; the detail says why.
    case manifestUnreadable(String)
    /// A file the manifest lists is not in the ZIP.
    case fileMissing(String)
    /// A file's bytes differ from the manifest's SHA-256 (same size).
    case fileAltered(path: String, expected: String, actual: String)
    /// A file in the ZIP is not in the manifest.
    case fileUnlisted(String)
    /// A file's size differs from the manifest's (so its content differs too): the size the ZIP
    /// declares, or, when that agrees, the size actually read.
    case sizeMismatch(path: String, expected: Int64, actual: Int64)
    /// A listed file cannot be read back: its data is cut short or does not inflate, inflates to
    /// more than the ZIP declares, is encrypted or compressed by a method other than
    /// stored/deflate, or the entry is a symbolic link.
    case fileUnreadable(String)
    /// The ZIP holds the path more than once; unpackers would keep one of them.
    case duplicateEntry(String)

    public var code: String {
        switch self {
        case .packageUnreadable: return "archive.package-unreadable"
        case .notAZip: return "archive.not-a-zip"
        case .manifestMissing: return "archive.manifest-missing"
        case .manifestUnreadable: return "archive.manifest-unreadable"
        case .fileMissing: return "archive.file-missing"
        case .fileAltered: return "archive.file-altered"
        case .fileUnlisted: return "archive.file-unlisted"
        case .sizeMismatch: return "archive.size-mismatch"
        case .fileUnreadable: return "archive.file-unreadable"
        case .duplicateEntry: return "archive.duplicate-entry"
        }
    }

    /// The path concerned, for problems about one file.
    public var path: String? {
        switch self {
        case .fileMissing(let p), .fileUnlisted(let p), .fileUnreadable(let p), .duplicateEntry(let p): return p
        case .fileAltered(let p, _, _), .sizeMismatch(let p, _, _): return p
        case .packageUnreadable, .notAZip, .manifestMissing, .manifestUnreadable: return nil
        }
    }

    public var messageZH: String {
        switch self {
        case .packageUnreadable(let detail): return "无法读取归档包：\(detail)"
        case .notAZip: return "该文件不是有效的ZIP归档包"
        case .manifestMissing: return "归档包中没有清单文件 \(ArchivePackage.manifestPath)"
        case .manifestUnreadable(let detail): return "清单文件 \(ArchivePackage.manifestPath) 无法读取：\(detail)"
        case .fileMissing(let path): return "清单所列文件 \(path) 在归档包中不存在"
        case .fileAltered(let path, let expected, let actual):
            return "文件 \(path) 已被改动：清单记录 SHA-256 \(expected)，实际 \(actual)"
        case .fileUnlisted(let path): return "文件 \(path) 不在清单中"
        case .sizeMismatch(let path, let expected, let actual):
            return "文件 \(path) 大小与清单不符：清单记录 \(expected) 字节，实际 \(actual) 字节"
        case .fileUnreadable(let path): return "文件 \(path) 已损坏，无法读出"
        case .duplicateEntry(let path): return "归档包中有多个同名文件 \(path)"
        }
    }

    public var description: String { "\(code): \(messageZH)" }
}

/// What `ArchivePackage.verify` found.
public struct ArchiveVerification: Sendable, Equatable {
    /// Empty for an intact package. Manifest files in manifest order first, then the unlisted ones
    /// in ZIP order.
    public var problems: [ArchiveProblem]
    /// The manifest's package data, when the manifest could be read.
    public var meta: ArchiveMeta?
    /// The files the manifest lists, when it could be read.
    public var files: [ArchiveManifestFile]
    /// Lowercase hex SHA-256 of `manifest.json` itself, when present: compare it with the value
    /// recorded (e.g. in the audit log) when the package was exported, since a manifest rewritten
    /// together with the files it lists passes every other check.
    public var manifestSHA256: String?

    public var isValid: Bool { problems.isEmpty }

    public init(problems: [ArchiveProblem], meta: ArchiveMeta? = nil, files: [ArchiveManifestFile] = [],
                manifestSHA256: String? = nil) {
        self.problems = problems
        self.meta = meta
        self.files = files
        self.manifestSHA256 = manifestSHA256
    }
}

/// Writes and verifies archive packages (DOC-44).
///
/// A package is a ZIP holding `manifest.json` first and then the entries sorted by path (UTF-8
/// byte order). The manifest is JSON with sorted keys:
/// `{"caseNumbers": […], "createdAt": …, "files": [{"path", "sha256", "size"}…], "format":
/// "fengqiao-archive/1", "hashAlgorithm": "SHA-256", "packageId": …}`, files sorted by path.
/// Every ZIP entry carries the same fixed date, so the same entries and meta give the same bytes.
public enum ArchivePackage {
    /// The manifest's name at the root of the package; no entry may use it.
    public static let manifestPath = "manifest.json"
    /// The manifest format this version writes and reads.
    public static let format = "fengqiao-archive/1"
    /// The only hash the manifest uses.
    public static let hashAlgorithm = "SHA-256"
    /// A manifest larger than this is refused when verifying (a guard against a ZIP bomb).
    static let manifestLimit: UInt64 = 64 << 20
    /// Fixed modification date of every entry, so output is reproducible: 2020-01-01 00:00 UTC,
    /// the date `DocxWriter` and `XLSXWriter` use too (see `ZIPTimestamp` for why it matters that
    /// every ZIP written in the process passes the same one).
    static let timestamp = ZIPTimestamp.date
    /// Already-compressed formats are stored; deflating them again costs time and gains nothing.
    static let storedExtensions: Set<String> = [
        "docx", "xlsx", "pptx", "odt", "ods", "zip", "7z", "gz", "rar", "pdf", "ofd",
        "jpg", "jpeg", "png", "gif", "webp", "heic", "mp3", "m4a", "amr", "aac", "mp4", "mov",
    ]

    // MARK: Writing

    /// The package as ZIP bytes. Throws `ArchivePackageError` for a bad path (see
    /// `validate(_:)`), an unsupported hash, or a ZIP failure.
    public static func write(entries: [ArchiveEntry], meta: ArchiveMeta) throws -> Data {
        let plan = try plan(entries: entries, meta: meta)
        return try packaging {
            var data = try writeData(plan)
            try ZIPTimestamp.stamp(&data)
            return data
        }
    }

    /// Writes the package to `url`, replacing any file there. The ZIP is written beside it under a
    /// temporary name and renamed into place, so a reader never sees half a package and the ZIP
    /// is never held in memory as a whole.
    public static func write(entries: [ArchiveEntry], meta: ArchiveMeta, to url: URL) throws {
        let plan = try plan(entries: entries, meta: meta)
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).part")
        defer { try? FileManager.default.removeItem(at: temp) }
        try packaging {
            try writeFile(temp, plan: plan)
            try ZIPTimestamp.stamp(fileAt: temp)
            guard rename(temp.path, url.path) == 0 else {
                throw ArchivePackageError.packaging("\(url.path): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Throws unless every path is fit for a package: relative, `/`-separated, no empty, `.` or
    /// `..` name, no backslash or control character, names of at most 255 bytes, not
    /// `manifest.json`, and no two paths equal ignoring case.
    public static func validate(_ entries: [ArchiveEntry]) throws {
        var seen = Set<String>()
        for entry in entries {
            let path = entry.path
            try validate(path: path)
            // Case-folded and NFC: `A.docx` and `a.docx` are one file on Windows and macOS.
            let key = path.precomposedStringWithCanonicalMapping.lowercased()
            if key == manifestPath { throw ArchivePackageError.reservedName(path) }
            guard seen.insert(key).inserted else { throw ArchivePackageError.duplicatePath(path) }
        }
    }

    static func validate(path: String) throws {
        guard !path.isEmpty else { throw ArchivePackageError.emptyName(path) }
        if path.hasPrefix("/") { throw ArchivePackageError.absolutePath(path) }
        if path.unicodeScalars.contains(where: { $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }) {
            throw ArchivePackageError.invalidCharacter(path)
        }
        let names = path.split(separator: "/", omittingEmptySubsequences: false)
        // `C:x` or `C:/x` is a drive path to Windows unpackers.
        if let first = names.first, first.count >= 2, first.dropFirst().first == ":",
           first.first.map({ $0.isASCII && $0.isLetter }) == true {
            throw ArchivePackageError.absolutePath(path)
        }
        guard path.utf8.count <= 4096 else { throw ArchivePackageError.pathTooLong(path) }
        for name in names {
            if name.isEmpty { throw ArchivePackageError.emptyName(path) }
            if name == "." || name == ".." { throw ArchivePackageError.dotComponent(path) }
            if name.utf8.count > 255 { throw ArchivePackageError.pathTooLong(path) }
        }
    }

    /// The manifest's bytes for the entries: what `write` puts in `manifest.json`.
    public static func manifest(entries: [ArchiveEntry], meta: ArchiveMeta) throws -> Data {
        try plan(entries: entries, meta: meta).manifest
    }

    private struct Plan {
        var manifest: Data
        var entries: [ArchiveEntry]
    }

    private static func plan(entries: [ArchiveEntry], meta: ArchiveMeta) throws -> Plan {
        guard meta.hashAlgorithm == hashAlgorithm else {
            throw ArchivePackageError.unsupportedHashAlgorithm(meta.hashAlgorithm)
        }
        try validate(entries)
        // Byte order, not `String` order: the same on every platform and locale.
        let sorted = entries.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        let files = sorted.map {
            ArchiveManifestFile(path: $0.path, size: Int64($0.data.count), sha256: hex(SHA256.hash(data: $0.data)))
        }
        let manifest = Manifest(format: format, meta: meta, files: files)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let json: Data
        do {
            json = try encoder.encode(manifest)
        } catch {
            throw ArchivePackageError.packaging(String(describing: error))
        }
        return Plan(manifest: json + Data("\n".utf8), entries: sorted)
    }

    /// A function of its own so that the archive is released before its bytes are stamped (the
    /// bytes are then not shared, so stamping them does not copy them).
    private static func writeData(_ plan: Plan) throws -> Data {
        let archive = try Archive(accessMode: .create)
        try fill(archive, with: plan)
        guard let data = archive.data else { throw ArchivePackageError.packaging("empty archive") }
        return data
    }

    /// A function of its own so that the archive is closed (its deinit flushes and closes the
    /// file) when it returns, before the caller renames the file.
    private static func writeFile(_ url: URL, plan: Plan) throws {
        let archive = try Archive(url: url, accessMode: .create)
        try fill(archive, with: plan)
    }

    private static func fill(_ archive: Archive, with plan: Plan) throws {
        try add(ArchiveEntry(path: manifestPath, data: plan.manifest), to: archive)
        for entry in plan.entries {
            try add(entry, to: archive)
        }
    }

    private static func add(_ entry: ArchiveEntry, to archive: Archive) throws {
        let data = entry.data
        let ext = entry.path.split(separator: "/").last?.split(separator: ".").last.map { $0.lowercased() } ?? ""
        let method: CompressionMethod = storedExtensions.contains(ext) ? .none : .deflate
        try archive.addEntry(
            with: entry.path, type: .file, uncompressedSize: Int64(data.count),
            modificationDate: timestamp, permissions: 0o644, compressionMethod: method
        ) { position, size in
            // `data` may be a slice: positions are offsets from its start index.
            let start = data.startIndex + Int(position)
            return data.subdata(in: start..<min(start + size, data.endIndex))
        }
    }

    private static func packaging<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ArchivePackageError {
            throw error
        } catch {
            throw ArchivePackageError.packaging(String(describing: error))
        }
    }

    // MARK: Verifying

    /// Checks a package against its manifest: every listed file present with its size and
    /// SHA-256, no file unlisted, no path twice. Reads each file once, hashing as it goes.
    ///
    /// Safe on damaged or forged bytes: the ZIP is read by `ZIPDirectory`, which checks every
    /// offset and length against the data and bounds every inflate, rather than by ZIPFoundation's
    /// reader (an offset past the end traps its in-memory file; a deflate stream cut short makes
    /// its `extract` loop for ever).
    public static func verify(_ data: Data) -> ArchiveVerification {
        verify(DataBytes(data))
    }

    /// `verify(_:)` for a file, read from disk as it is checked rather than loaded whole.
    public static func verify(fileAt url: URL) -> ArchiveVerification {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let handle = try? FileHandle(forReadingFrom: url)
        else {
            return ArchiveVerification(problems: [.packageUnreadable(url.path)])
        }
        defer { try? handle.close() }
        return verify(FileBytes(handle))
    }

    private static func verify(_ zip: some RandomAccessBytes) -> ArchiveVerification {
        guard let directory = try? ZIPDirectory(zip, limits: .archive) else {
            return ArchiveVerification(problems: [.notAZip])
        }
        var byPath: [String: [ZIPDirectory.Record]] = [:]
        var order: [String] = []
        for record in directory.records where !record.isDirectory {
            if byPath[record.path] == nil { order.append(record.path) }
            byPath[record.path, default: []].append(record)
        }
        guard let manifestRecords = byPath[manifestPath] else {
            return ArchiveVerification(problems: [.manifestMissing])
        }
        let manifestRecord = manifestRecords[0]
        guard !manifestRecord.isSymlink else {
            return ArchiveVerification(problems: [.manifestUnreadable("不是普通文件")])
        }
        guard manifestRecord.uncompressedSize <= manifestLimit else {
            return ArchiveVerification(problems: [.manifestUnreadable("文件过大")])
        }
        var manifestData = Data()
        do {
            try ZIPDirectory.read(manifestRecord, from: zip, limit: manifestRecord.uncompressedSize) {
                manifestData.append($0)
            }
        } catch {
            return ArchiveVerification(problems: [.manifestUnreadable("数据已损坏")])
        }
        let manifestSHA256 = hex(SHA256.hash(data: manifestData))
        func unreadable(_ reason: String) -> ArchiveVerification {
            ArchiveVerification(problems: [.manifestUnreadable(reason)], manifestSHA256: manifestSHA256)
        }
        guard let manifest = try? JSONDecoder().decode(Manifest.self, from: manifestData) else {
            return unreadable("不是有效的清单JSON")
        }
        guard manifest.format == format else { return unreadable("未知的清单格式“\(manifest.format)”") }
        guard manifest.hashAlgorithm == hashAlgorithm else {
            return unreadable("不支持的摘要算法“\(manifest.hashAlgorithm)”")
        }
        var listed = Set<String>()
        for file in manifest.files {
            guard file.path != manifestPath, listed.insert(file.path).inserted else {
                return unreadable("文件 \(file.path) 重复列出")
            }
        }

        var problems: [ArchiveProblem] = []
        if manifestRecords.count > 1 { problems.append(.duplicateEntry(manifestPath)) }
        for file in manifest.files {
            guard let records = byPath[file.path] else {
                problems.append(.fileMissing(file.path))
                continue
            }
            if records.count > 1 { problems.append(.duplicateEntry(file.path)) }
            if let problem = check(records[0], against: file, in: zip) { problems.append(problem) }
        }
        for path in order where path != manifestPath && !listed.contains(path) {
            problems.append(.fileUnlisted(path))
        }
        return ArchiveVerification(problems: problems, meta: manifest.meta, files: manifest.files,
                                   manifestSHA256: manifestSHA256)
    }

    /// The problem with one listed file, or nil when its size and SHA-256 are the manifest's.
    private static func check(_ record: ZIPDirectory.Record, against file: ArchiveManifestFile,
                              in zip: some RandomAccessBytes) -> ArchiveProblem? {
        guard !record.isSymlink, file.size >= 0 else { return .fileUnreadable(file.path) }
        // The size the ZIP declares decides without reading: a forged package can declare any
        // size, and inflating it only to count would let it make us inflate gigabytes.
        guard record.uncompressedSize == UInt64(file.size) else {
            return .sizeMismatch(path: file.path, expected: file.size, actual: Int64(clamping: record.uncompressedSize))
        }
        var hasher = SHA256()
        var size: Int64 = 0
        do {
            try ZIPDirectory.read(record, from: zip, limit: record.uncompressedSize) { chunk in
                hasher.update(data: chunk)
                size += Int64(chunk.count)
            }
        } catch {
            return .fileUnreadable(file.path)
        }
        if size != file.size { return .sizeMismatch(path: file.path, expected: file.size, actual: size) }
        let actual = hex(hasher.finalize())
        return actual == file.sha256.lowercased() ? nil : .fileAltered(path: file.path, expected: file.sha256, actual: actual)
    }

    // MARK: Manifest

    private struct Manifest: Codable {
        var format: String
        var packageID: String
        var createdAt: String
        var caseNumbers: [String]
        var hashAlgorithm: String
        var files: [ArchiveManifestFile]

        init(format: String, meta: ArchiveMeta, files: [ArchiveManifestFile]) {
            self.format = format
            self.packageID = meta.packageID
            self.createdAt = meta.createdAt
            self.caseNumbers = meta.caseNumbers
            self.hashAlgorithm = meta.hashAlgorithm
            self.files = files
        }

        var meta: ArchiveMeta {
            ArchiveMeta(packageID: packageID, createdAt: createdAt, caseNumbers: caseNumbers, hashAlgorithm: hashAlgorithm)
        }

        enum CodingKeys: String, CodingKey {
            case format, packageID = "packageId", createdAt, caseNumbers, hashAlgorithm, files
        }
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

// MARK: - Fixed entry dates

/// Stamps every entry of a ZIP written here with one fixed DOS date and time.
///
/// Why not trust the `modificationDate` given to ZIPFoundation: it converts it with `gmtime(3)`,
/// whose result is one static buffer per process, so a thread converting another time at that
/// moment (another ZIP being written with the current date, say) changes the date written — two
/// writes of the same package then differ, and a server writes ZIPs concurrently. Stamping the
/// headers afterwards makes the bytes depend on the input alone. (Passing the same date everywhere
/// in the process keeps our own writers from disturbing one another in the meantime.)
enum ZIPTimestamp {
    /// 2020-01-01 00:00:00 UTC.
    static let date = Date(timeIntervalSince1970: 1_577_836_800)
    /// MS-DOS time 00:00:00 (seconds / 2, minutes << 5, hours << 11).
    static let dosTime: UInt16 = 0
    /// MS-DOS date 2020-01-01 (day, month << 5, (year − 1980) << 9).
    static let dosDate: UInt16 = 1 | 1 << 5 | (2020 - 1980) << 9

    static func stamp(_ data: inout Data) throws {
        let bytes = DataBytes(data)
        data = Data()  // so the buffer is not shared while it is patched
        try stamp(bytes)
        data = bytes.data
    }

    static func stamp(fileAt url: URL) throws {
        let handle = try FileHandle(forUpdating: url)
        defer { try? handle.close() }
        try stamp(FileBytes(handle))
    }

    /// Rewrites the date and time of every central directory record and of the local header each
    /// points to; nothing else changes.
    static func stamp(_ zip: some RandomAccessBytes) throws {
        var directory: ZIPDirectory
        do {
            directory = try ZIPDirectory(zip, limits: .archive)
        } catch {
            throw ArchivePackageError.packaging("ZIP: \(error)")
        }
        var stamp = [UInt8](repeating: 0, count: 4)
        ZIPDirectory.put16(&stamp, 0, dosTime)
        ZIPDirectory.put16(&stamp, 2, dosDate)
        for record in directory.records {
            let header = [UInt8](try zip.read(at: record.localHeaderOffset, count: 30))
            guard header.count == 30, ZIPDirectory.u32(header, 0) == 0x0403_4B50 else {
                throw ArchivePackageError.packaging("ZIP: bad local header")
            }
            directory.bytes.replaceSubrange(record.position + 12..<record.position + 16, with: stamp)
            try zip.write(at: record.localHeaderOffset + 10, stamp)
        }
        try zip.write(at: directory.offset, directory.bytes)
    }
}

// MARK: - Reading ZIPs defensively

/// Why `ZIPDirectory` refused a ZIP or an entry.
enum ZIPFormatError: Error, Equatable {
    case malformed(String)
    /// An entry's data runs past the end of the file, or its deflate stream stops short.
    case truncated
    /// An entry inflates to more than it declares.
    case tooLong
    case unsupported(String)
    /// More entries, or a larger central directory, than the reader's `ZIPLimits` admit:
    /// refused from the end record, before the directory is read.
    case tooManyEntries(limit: Int)
    /// The entries declare more, together, than the file could inflate to (`ZIPLimits.maxExpansion`
    /// times its size): entries that share one deflate stream (a "non-recursive" ZIP bomb, each entry
    /// within every per-entry limit) or sizes that lie.
    case expansionTooLarge

    /// A stable code for logs, APIs and tests (`zip.…`).
    var code: String {
        switch self {
        case .malformed: "zip.malformed"
        case .truncated: "zip.truncated"
        case .tooLong: "zip.too-long"
        case .unsupported: "zip.unsupported"
        case .tooManyEntries: "zip.too-many-entries"
        case .expansionTooLarge: "zip.expansion-too-large"
        }
    }
}

/// What `ZIPDirectory` admits before it reads a central directory (X-06, issue 13 item 5).
///
/// The cost of opening a ZIP is its central directory: before these limits, a 64 MB upload whose
/// directory held about 1.4 million empty entries made the reader load the 64 MB directory and build
/// a record for each entry (seconds, and well over 100 MB). The count and the directory size are both
/// in the end record, so a ZIP over either limit is refused after reading its last 64 KB.
struct ZIPLimits: Sendable {
    /// The most entries (files and folders) a ZIP may list.
    var maxEntries: Int
    /// The largest central directory, in bytes.
    var maxDirectoryBytes: UInt64

    /// An uploaded XLSX/DOCX: Excel and WPS write a few dozen parts (one per sheet, style, image…);
    /// 10,000 leaves room for a workbook of thousands of sheets. A directory record is 46 bytes plus
    /// the name, so 10,000 records with names of up to 300 bytes fit in 4 MB.
    static let upload = ZIPLimits(maxEntries: 10_000, maxDirectoryBytes: 4 << 20)
    /// An archive package (ours, read back to verify it): every document and attachment of many
    /// cases is an entry, so the bound is the one the directory size gives (about 600,000 entries).
    static let archive = ZIPLimits(maxEntries: 600_000, maxDirectoryBytes: 64 << 20)

    /// Deflate inflates at most about 1,032 times (a stored entry once), and honest entries do not
    /// share data, so all the sizes a ZIP declares add up to less than this many times its size.
    static let maxExpansion: UInt64 = 1_100
    /// Slack for tiny files (a few empty or short entries in a few hundred bytes).
    static let expansionSlack: UInt64 = 1 << 20
}

/// A ZIP's central directory, every offset and length checked against the file, and the reading
/// of its entries with every read and every inflate bounded — for packages that may be damaged or
/// forged. Handles ZIP64. Names are read as UTF-8 (ours always are; ZIPFoundation sets the flag).
struct ZIPDirectory {
    struct Record {
        /// Where the record starts in `bytes`.
        var position: Int
        var path: String
        var flags: UInt16
        var method: UInt16
        /// The CRC-32 of the uncompressed bytes, as the central directory records it.
        var crc32: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
        var isDirectory: Bool
        var isSymlink: Bool
    }

    /// Where the central directory starts in the file.
    var offset: UInt64
    /// The central directory.
    var bytes: [UInt8]
    var records: [Record]

    static let chunkSize = 64 << 10

    init(_ zip: some RandomAccessBytes, limits: ZIPLimits = .upload) throws {
        let size = try zip.size
        guard size >= 22 else { throw ZIPFormatError.malformed("no end record") }
        // The end record is the last 22 bytes plus a comment of up to 65,535 bytes, which its
        // last field gives: requiring that match keeps a signature inside the comment from counting.
        let tailStart = size - min(size, 22 + 0xFFFF)
        let tail = [UInt8](try zip.read(at: tailStart, count: Int(size - tailStart)))
        guard let end = stride(from: tail.count - 22, through: 0, by: -1).first(where: {
            Self.u32(tail, $0) == 0x0605_4B50 && Int(Self.u16(tail, $0 + 20)) == tail.count - $0 - 22
        }) else { throw ZIPFormatError.malformed("no end record") }
        let endOffset = tailStart + UInt64(end)
        var count = UInt64(Self.u16(tail, end + 10))
        var directorySize = UInt64(Self.u32(tail, end + 12))
        var directoryOffset = UInt64(Self.u32(tail, end + 16))
        var directoryEnd = endOffset
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            guard endOffset >= 20 else { throw ZIPFormatError.malformed("no ZIP64 locator") }
            let locator = [UInt8](try zip.read(at: endOffset - 20, count: 20))
            guard locator.count == 20, Self.u32(locator, 0) == 0x0706_4B50 else {
                throw ZIPFormatError.malformed("no ZIP64 locator")
            }
            let recordOffset = Self.u64(locator, 8)
            guard recordOffset <= endOffset - 20, endOffset - 20 - recordOffset >= 56 else {
                throw ZIPFormatError.malformed("bad ZIP64 end record")
            }
            let record = [UInt8](try zip.read(at: recordOffset, count: 56))
            guard record.count == 56, Self.u32(record, 0) == 0x0606_4B50 else {
                throw ZIPFormatError.malformed("bad ZIP64 end record")
            }
            count = Self.u64(record, 32)
            directorySize = Self.u64(record, 40)
            directoryOffset = Self.u64(record, 48)
            directoryEnd = recordOffset
        }
        guard directoryOffset <= directoryEnd, directorySize <= directoryEnd - directoryOffset else {
            throw ZIPFormatError.malformed("central directory out of bounds")
        }
        guard count <= UInt64(limits.maxEntries), directorySize <= limits.maxDirectoryBytes else {
            throw ZIPFormatError.tooManyEntries(limit: limits.maxEntries)
        }
        guard count <= directorySize / 46 else { throw ZIPFormatError.malformed("central directory too small") }
        let bytes = [UInt8](try zip.read(at: directoryOffset, count: Int(directorySize)))
        guard UInt64(bytes.count) == directorySize else { throw ZIPFormatError.truncated }

        var records: [Record] = []
        var p = 0
        for _ in 0..<count {
            guard p + 46 <= bytes.count, Self.u32(bytes, p) == 0x0201_4B50 else {
                throw ZIPFormatError.malformed("bad central directory record")
            }
            let nameLength = Int(Self.u16(bytes, p + 28))
            let extraLength = Int(Self.u16(bytes, p + 30))
            let commentLength = Int(Self.u16(bytes, p + 32))
            let next = p + 46 + nameLength + extraLength + commentLength
            guard next <= bytes.count else { throw ZIPFormatError.malformed("bad central directory record") }
            let name = bytes[(p + 46)..<(p + 46 + nameLength)]
            var uncompressed = UInt64(Self.u32(bytes, p + 24))
            var compressed = UInt64(Self.u32(bytes, p + 20))
            var local = UInt64(Self.u32(bytes, p + 42))
            if uncompressed == 0xFFFF_FFFF || compressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                // ZIP64 extended information (0x0001): the 8-byte values of the fields set to
                // 0xFFFFFFFF, in the order uncompressed size, compressed size, local header offset.
                let extra = Array(bytes[(p + 46 + nameLength)..<(p + 46 + nameLength + extraLength)])
                guard var values = Self.zip64Values(extra) else { throw ZIPFormatError.malformed("no ZIP64 field") }
                func take(_ field: inout UInt64) throws {
                    guard field == 0xFFFF_FFFF else { return }
                    guard !values.isEmpty else { throw ZIPFormatError.malformed("short ZIP64 field") }
                    field = values.removeFirst()
                }
                try take(&uncompressed)
                try take(&compressed)
                try take(&local)
            }
            let madeBy = Self.u16(bytes, p + 4) >> 8
            let mode = (Self.u32(bytes, p + 38) >> 16) & 0o170000
            records.append(Record(
                position: p, path: String(decoding: name, as: UTF8.self), flags: Self.u16(bytes, p + 8),
                method: Self.u16(bytes, p + 10), crc32: Self.u32(bytes, p + 16),
                compressedSize: compressed, uncompressedSize: uncompressed,
                localHeaderOffset: local, isDirectory: name.last == UInt8(ascii: "/"),
                isSymlink: (madeBy == 3 || madeBy == 19) && mode == 0o120000
            ))
            p = next
        }
        // A zip bomb declares what it inflates to (or lies, and is cut off at its declared size when
        // read): refused here, before a byte is inflated, rather than entry by entry.
        var declared: UInt64 = 0
        for record in records {
            let (sum, overflow) = declared.addingReportingOverflow(record.uncompressedSize)
            declared = overflow ? .max : sum
        }
        let (budget, overflow) = size.multipliedReportingOverflow(by: ZIPLimits.maxExpansion)
        if !overflow, declared > budget + ZIPLimits.expansionSlack { throw ZIPFormatError.expansionTooLarge }
        // Local headers are checked when an entry is read, so one bad entry spoils only itself.
        self.offset = directoryOffset
        self.bytes = bytes
        self.records = records
    }

    /// The 8-byte values of the ZIP64 extended information field, if there is one.
    private static func zip64Values(_ extra: [UInt8]) -> [UInt64]? {
        var q = 0
        while q + 4 <= extra.count {
            let id = u16(extra, q), length = Int(u16(extra, q + 2))
            guard q + 4 + length <= extra.count else { return nil }
            if id == 0x0001 {
                return stride(from: q + 4, to: q + 4 + length - 7, by: 8).map { u64(extra, $0) }
            }
            q += 4 + length
        }
        return nil
    }

    /// Streams an entry's bytes to `consumer`: reads no more than its compressed size, and stops
    /// with `tooLong` past `limit` bytes, so every read ends, whatever the bytes say.
    static func read(_ record: Record, from zip: some RandomAccessBytes, limit: UInt64,
                     consumer: (Data) throws -> Void) throws {
        let size = try zip.size
        let header = [UInt8](try zip.read(at: record.localHeaderOffset, count: 30))
        guard header.count == 30, u32(header, 0) == 0x0403_4B50 else { throw ZIPFormatError.malformed("bad local header") }
        let dataOffset = record.localHeaderOffset + 30 + UInt64(u16(header, 26)) + UInt64(u16(header, 28))
        guard dataOffset <= size, record.compressedSize <= size - dataOffset else { throw ZIPFormatError.truncated }
        guard record.flags & 0x0001 == 0 else { throw ZIPFormatError.unsupported("encrypted") }
        let compressedSize = record.compressedSize
        var produced: UInt64 = 0
        func emit(_ chunk: Data) throws {
            produced += UInt64(chunk.count)
            guard produced <= limit else { throw ZIPFormatError.tooLong }
            try consumer(chunk)
        }
        var position: UInt64 = 0
        switch record.method {
        case 0:
            while position < compressedSize {
                let count = Int(min(UInt64(chunkSize), compressedSize - position))
                let chunk = try zip.read(at: dataOffset + position, count: count)
                guard chunk.count == count else { throw ZIPFormatError.truncated }
                try emit(chunk)
                position += UInt64(count)
            }
        case 8:
            // ZIPFoundation's inflate (zlib on Linux) asks the provider for `chunkSize` bytes and
            // hands zlib `chunkSize` bytes whatever comes back, so a short last chunk is padded
            // with zeros (which inflate either as data, bounded by `limit`, or as an error); once
            // the entry's bytes are used up the provider throws, which ends a stream that never
            // does (ZIPFoundation's own provider would return nothing, for ever).
            _ = try Data.decompress(size: Int64(compressedSize), bufferSize: chunkSize, skipCRC32: true,
                                    provider: { _, wanted in
                guard position < compressedSize else { throw ZIPFormatError.truncated }
                let count = Int(min(UInt64(wanted), compressedSize - position))
                var chunk = try zip.read(at: dataOffset + position, count: count)
                guard chunk.count == count else { throw ZIPFormatError.truncated }
                position += UInt64(count)
                if count < wanted { chunk.append(Data(count: wanted - count)) }
                return chunk
            }, consumer: emit)
        default:
            throw ZIPFormatError.unsupported("compression method \(record.method)")
        }
    }

    /// `crc` updated with `bytes`: the CRC-32 that ZIP records (start from 0). `read` does not check it (an
    /// archive package is checked by SHA-256); a reader that has nothing else to go by can, at about the
    /// cost of a memory copy (8 bytes a step), rather than with ZIPFoundation's byte-at-a-time loop on Linux.
    static func crc32(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var c = ~crc
        crcTable.withUnsafeBufferPointer { t in
            let count = bytes.count
            var i = 0
            while i + 8 <= count {
                let lo = c ^ UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                let hi = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self))
                c = t[7 << 8 | Int(lo & 0xFF)] ^ t[6 << 8 | Int(lo >> 8 & 0xFF)]
                    ^ t[5 << 8 | Int(lo >> 16 & 0xFF)] ^ t[4 << 8 | Int(lo >> 24)]
                    ^ t[3 << 8 | Int(hi & 0xFF)] ^ t[2 << 8 | Int(hi >> 8 & 0xFF)]
                    ^ t[1 << 8 | Int(hi >> 16 & 0xFF)] ^ t[Int(hi >> 24)]
                i += 8
            }
            while i < count {
                c = t[Int((c ^ UInt32(bytes[i])) & 0xFF)] ^ c >> 8
                i += 1
            }
        }
        return ~c
    }

    /// Slicing-by-8 tables of the reflected polynomial 0xEDB88320: entry `k << 8 | b` is the CRC of
    /// byte `b` followed by `k` zero bytes.
    private static let crcTable: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 8 << 8)
        for b in 0..<256 {
            var c = UInt32(b)
            for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ c >> 1 : c >> 1 }
            t[b] = c
        }
        for k in 1..<8 {
            for b in 0..<256 {
                let previous = t[(k - 1) << 8 | b]
                t[k << 8 | b] = t[Int(previous & 0xFF)] ^ previous >> 8
            }
        }
        return t
    }()

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(u16(b, i)) | UInt32(u16(b, i + 2)) << 16 }
    static func u64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(u32(b, i)) | UInt64(u32(b, i + 4)) << 32 }
    static func put16(_ b: inout [UInt8], _ i: Int, _ v: UInt16) {
        b[i] = UInt8(truncatingIfNeeded: v)
        b[i + 1] = UInt8(truncatingIfNeeded: v >> 8)
    }
}

/// Bytes that can be read and overwritten in place: a ZIP in memory or on disk.
protocol RandomAccessBytes {
    var size: UInt64 { get throws }
    /// Up to `count` bytes from `offset` (fewer at the end).
    func read(at offset: UInt64, count: Int) throws -> Data
    func write(at offset: UInt64, _ bytes: [UInt8]) throws
}

final class DataBytes: RandomAccessBytes {
    private(set) var data: Data
    init(_ data: Data) { self.data = data }

    var size: UInt64 { UInt64(data.count) }

    func read(at offset: UInt64, count: Int) throws -> Data {
        let start = data.startIndex + Int(min(offset, UInt64(data.count)))
        return data[start..<min(start + count, data.endIndex)]
    }

    func write(at offset: UInt64, _ bytes: [UInt8]) throws {
        let start = data.startIndex + Int(min(offset, UInt64(data.count)))
        guard start + bytes.count <= data.endIndex else { throw ZIPFormatError.truncated }
        data.replaceSubrange(start..<start + bytes.count, with: bytes)
    }
}

final class FileBytes: RandomAccessBytes {
    private let handle: FileHandle
    init(_ handle: FileHandle) { self.handle = handle }

    var size: UInt64 { get throws { try handle.seekToEnd() } }

    func read(at offset: UInt64, count: Int) throws -> Data {
        try handle.seek(toOffset: offset)
        return try handle.read(upToCount: count) ?? Data()
    }

    func write(at offset: UInt64, _ bytes: [UInt8]) throws {
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: bytes)
    }
}

// MARK: - 《文书清单》

/// The case file's index (《文书清单》, DOC-40) as a CSV that Excel and WPS open: UTF-8 with BOM,
/// CRLF, fields quoted as RFC 4180 requires, formula-like fields defused (see `CSVWriter`).
public enum CaseFileIndex {
    /// Where the index goes in an archive package.
    public static let path = "index.csv"
    public static let header = ["序号", "文书名称", "文号", "日期", "页数/大小", "状态"]

    /// One document of the case file.
    public struct Row: Sendable, Equatable {
        /// 1-based position in the file (documents are in date order, DOC-40).
        public var seq: Int
        /// E.g. `行政约谈通知书`.
        public var title: String
        /// E.g. `中村约〔2025〕12号`; empty for a document without a number.
        public var number: String
        /// As printed, e.g. `2025-10-14` or `2025年10月14日`.
        public var date: String
        /// Pages or size as shown, e.g. `3页` or `245 KB`.
        public var size: String
        /// E.g. `已送达`, `草稿`, `缺失`.
        public var state: String

        public init(seq: Int, title: String, number: String, date: String, size: String, state: String) {
            self.seq = seq
            self.title = title
            self.number = number
            self.date = date
            self.size = size
            self.state = state
        }
    }

    /// The CSV bytes: the header, then the rows in the order given.
    public static func csv(_ rows: [Row]) -> Data {
        var writer = CSVWriter(bom: true)
        writer.append(header)
        for row in rows {
            writer.append([String(row.seq), row.title, row.number, row.date, row.size, row.state])
        }
        return Data(writer.bytes)
    }

    /// The index as the package entry `index.csv`.
    public static func entry(_ rows: [Row]) -> ArchiveEntry {
        ArchiveEntry(path: path, data: csv(rows))
    }
}

/// The 卷内备考表 of a filed case (MD-40): what was recorded on the case after it was filed — a
/// reneged agreement checked, a revisit, a document issued later — appended to the file, never
/// written into what was filed.
public enum CaseFileRemarks {
    /// Where the table goes in an archive package, beside the index.
    public static let path = "卷内备考表.csv"
    public static let header = ["序号", "时间", "事项", "操作人", "说明"]

    /// One later record.
    public struct Row: Sendable, Equatable {
        public var seq: Int
        /// Beijing time, e.g. `2026-12-04 10:00:00`.
        public var at: String
        public var what: String
        public var who: String
        public var detail: String

        public init(seq: Int, at: String, what: String, who: String, detail: String) {
            self.seq = seq
            self.at = at
            self.what = what
            self.who = who
            self.detail = detail
        }
    }

    /// The CSV bytes: the header, then the rows; a file with none says so in one row.
    public static func csv(_ rows: [Row], filedOn: String) -> Data {
        var writer = CSVWriter(bom: true)
        writer.append(header)
        if rows.isEmpty { writer.append(["", filedOn, "立卷归档后无补充材料", "", ""]) }
        for row in rows {
            writer.append([String(row.seq), row.at, row.what, row.who, row.detail])
        }
        return Data(writer.bytes)
    }
}

