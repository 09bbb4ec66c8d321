import Foundation
import Testing
import ZIPFoundation
@testable import FengqiaoDocuments

/// Archive packages (DOC-44): writing, the manifest, verification, and the 《文书清单》 CSV.
@Suite("Documents: archive package (DOC-44)")
struct ArchivePackageTests {
    static let meta = ArchiveMeta(
        packageID: "FQ-ARC-2025-0001", createdAt: "2025-10-14T09:30:00+08:00",
        caseNumbers: ["中村约〔2025〕12号"]
    )
    /// SHA-256 of "abc" (FIPS 180-2 test vector), so the manifest is checked against a hash not
    /// computed by the code under test.
    static let abcSHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    static let photoPath = "attachments/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.jpg"
    /// Stored uncompressed (a .jpg), so its bytes can be found and changed in the ZIP.
    static let photo = Data("JPEG-PHOTO-OF-THE-SHOP-FRONT-0123456789".utf8)

    static let entries: [ArchiveEntry] = [
        ArchiveEntry(path: "documents/001-中村约〔2025〕12号.docx", data: Data("PK-docx-notice".utf8)),
        ArchiveEntry(path: "documents/002-中村约谈记〔2025〕3号.docx", data: Data("PK-docx-record".utf8)),
        ArchiveEntry(path: photoPath, data: photo),
        CaseFileIndex.entry([
            CaseFileIndex.Row(seq: 1, title: "行政约谈通知书", number: "中村约〔2025〕12号", date: "2025-10-14",
                              size: "2页", state: "已送达"),
        ]),
        ArchiveEntry(path: "audit.jsonl", data: Data("{\"action\":\"case.close\"}\n".utf8)),
        ArchiveEntry(path: "notes/abc.txt", data: Data("abc".utf8)),
    ]

    static func package() throws -> Data {
        try ArchivePackage.write(entries: entries, meta: meta)
    }

    /// The file entries of a ZIP, in ZIP order.
    static func files(of zip: Data) throws -> [(path: String, data: Data)] {
        let archive = try Archive(data: zip, accessMode: .read)
        return try archive.filter { $0.type == .file }.map { entry in
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return (entry.path, data)
        }
    }

    /// A ZIP of the given files, as a tool other than ours would write it. (Dated like ours: ZIPFoundation
    /// converts dates with gmtime(3), and another date here would disturb DocxTests' byte comparisons.)
    static func zip(_ files: [(path: String, data: Data)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in files {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: ZIPTimestamp.date, compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
        return try #require(archive.data)
    }

    /// The package re-zipped after `change` edited its files.
    static func tampered(_ change: (inout [(path: String, data: Data)]) -> Void) throws -> Data {
        var files = try files(of: package())
        change(&files)
        return try zip(files)
    }

    /// Little-endian bytes of `value`.
    static func le(_ value: UInt64, _ bytes: Int) -> [UInt8] {
        (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// One entry of a ZIP assembled byte by byte.
    struct RawEntry {
        var name: String
        var method: UInt64 = 0
        var data: [UInt8]
        /// Declared uncompressed size; the data's length when nil.
        var size: Int? = nil
        /// Declared local header offset; the real one when nil.
        var offset: UInt64? = nil
    }

    /// A ZIP assembled byte by byte, for damage no ZIP library would write. CRCs are zero:
    /// verification goes by SHA-256.
    static func rawZIP(_ entries: [RawEntry]) -> Data {
        var out: [UInt8] = [], directory: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            let common = le(0x0800, 2) + le(entry.method, 2) + le(0, 4) + le(0, 4) + le(UInt64(entry.data.count), 4)
                + le(UInt64(entry.size ?? entry.data.count), 4) + le(UInt64(name.count), 2) + le(0, 2)
            let offset = entry.offset ?? UInt64(out.count)
            out += le(0x0403_4B50, 4) + le(20, 2) + common + name + entry.data
            directory += le(0x0201_4B50, 4) + le(0x031E, 2) + le(20, 2) + common + le(0, 2) + le(0, 2) + le(0, 2)
                + le(0o100644 << 16, 4) + le(offset, 4) + name
        }
        let count = UInt64(entries.count)
        let end = le(0x0605_4B50, 4) + le(0, 4) + le(count, 2) + le(count, 2) + le(UInt64(directory.count), 4)
            + le(UInt64(out.count), 4) + le(0, 2)
        return Data(out + directory + end)
    }

    /// A manifest listing one file.
    static func manifest(listing path: String, size: Int) -> RawEntry {
        let json = """
        {"caseNumbers":[],"createdAt":"","files":[{"path":"\(path)","sha256":"\(String(repeating: "0", count: 64))",\
        "size":\(size)}],"format":"fengqiao-archive/1","hashAlgorithm":"SHA-256","packageId":"x"}
        """
        return RawEntry(name: "manifest.json", data: Array(json.utf8))
    }

    struct ManifestJSON: Decodable {
        struct File: Decodable { var path: String; var size: Int64; var sha256: String }
        var format: String
        var packageId: String
        var createdAt: String
        var caseNumbers: [String]
        var hashAlgorithm: String
        var files: [File]
    }

    // MARK: - Writing

    @Test("DOC-44 a written package verifies, and its manifest lists every file with size and SHA-256")
    func roundTrip() throws {
        // act
        let data = try Self.package()
        let result = ArchivePackage.verify(data)
        // check
        #expect(result.isValid, "\(result.problems)")
        #expect(result.problems.isEmpty)
        #expect(result.meta == Self.meta)
        let zipped = try Self.files(of: data)
        let sortedPaths = Self.entries.map(\.path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(zipped.map(\.path) == ["manifest.json"] + sortedPaths, "manifest first, then by path")
        for entry in Self.entries {
            #expect(zipped.first { $0.path == entry.path }?.data == entry.data, "\(entry.path) round-trips")
        }
        let manifestData = try #require(zipped.first { $0.path == "manifest.json" }?.data)
        let manifest = try JSONDecoder().decode(ManifestJSON.self, from: manifestData)
        #expect(manifest.format == "fengqiao-archive/1")
        #expect(manifest.packageId == "FQ-ARC-2025-0001")
        #expect(manifest.createdAt == "2025-10-14T09:30:00+08:00")
        #expect(manifest.caseNumbers == ["中村约〔2025〕12号"])
        #expect(manifest.hashAlgorithm == "SHA-256")
        #expect(manifest.files.map(\.path) == sortedPaths, "every file, sorted by path")
        #expect(manifest.files.allSatisfy { $0.sha256.count == 64 && $0.sha256 == $0.sha256.lowercased() })
        let abc = try #require(manifest.files.first { $0.path == "notes/abc.txt" })
        #expect(abc.size == 3)
        #expect(abc.sha256 == Self.abcSHA256)
        #expect(manifest.files.first { $0.path == Self.photoPath }?.size == Int64(Self.photo.count))
        #expect(result.files.count == Self.entries.count)
        #expect(result.manifestSHA256?.count == 64)
    }

    @Test("DOC-44 the manifest is deterministic JSON: sorted keys, Chinese unescaped")
    func manifestText() throws {
        // act
        let text = String(decoding: try ArchivePackage.manifest(entries: Self.entries, meta: Self.meta), as: UTF8.self)
        // check
        let keys = ["\"caseNumbers\"", "\"createdAt\"", "\"files\"", "\"format\"", "\"hashAlgorithm\"", "\"packageId\""]
        let positions = keys.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count)
        #expect(positions == positions.sorted(), "top-level keys sorted")
        #expect(text.contains("中村约〔2025〕12号"))
        #expect(text.contains("documents/001-"), "slashes are not escaped")
        #expect(text.hasSuffix("}\n"))
    }

    @Test("DOC-44 the same entries and meta give byte-identical packages, in any input order")
    func deterministic() throws {
        // act
        let first = try Self.package()
        let second = try Self.package()
        let reversed = try ArchivePackage.write(entries: Self.entries.reversed(), meta: Self.meta)
        // check
        #expect(first == second)
        #expect(first == reversed)
        let archive = try Archive(data: first, accessMode: .read)
        for entry in archive {
            let date = entry.fileAttributes[.modificationDate] as? Date
            #expect(date == Date(timeIntervalSince1970: 1_577_836_800), "\(entry.path) dated 2020-01-01")
        }
        // A different meta changes the manifest, hence the bytes.
        var other = Self.meta
        other.createdAt = "2025-10-15T09:30:00+08:00"
        #expect(try ArchivePackage.write(entries: Self.entries, meta: other) != first)
    }

    @Test("DOC-44 entry dates are stamped after writing, so a date garbled while writing cannot change the bytes")
    func datesStamped() throws {
        // setup: garble the date and time of every local and central header, as a gmtime(3) call
        // on another thread does to ZIPFoundation's.
        let reference = try Self.package()
        var garbled = reference
        var headers = 0
        for i in garbled.indices.dropLast(16) where garbled[i] == 0x50 && garbled[i + 1] == 0x4B {
            let at: Int? = switch (garbled[i + 2], garbled[i + 3]) {
            case (3, 4): i + 10  // local file header
            case (1, 2): i + 12  // central directory record
            default: nil
            }
            guard let at else { continue }
            headers += 1
            for k in 0..<4 { garbled[at + k] ^= 0x5A }
        }
        #expect(headers == 2 * (Self.entries.count + 1))
        #expect(garbled != reference)
        // act
        try ZIPTimestamp.stamp(&garbled)
        // check
        #expect(garbled == reference)
    }

    @Test("DOC-44 entry dates are stamped in a ZIP64 archive too")
    func datesStampedZIP64() throws {
        // setup: one stored entry with every size and offset in ZIP64 fields, dated 1999-12-31.
        let le = Self.le
        let name = Array("a.txt".utf8), content = Array("abc".utf8)
        let (time, date): (UInt64, UInt64) = (0xBF7D, 0x279F)
        let sizes = le(UInt64(content.count), 8) + le(UInt64(content.count), 8)
        var zip = le(0x0403_4B50, 4) + le(45, 2) + le(0x0800, 2) + le(0, 2) + le(time, 2) + le(date, 2)
            + le(0x3524_41C2, 4) + le(0xFFFF_FFFF, 4) + le(0xFFFF_FFFF, 4) + le(UInt64(name.count), 2) + le(20, 2)
            + name + le(1, 2) + le(16, 2) + sizes + content
        let cdOffset = zip.count
        zip += le(0x0201_4B50, 4) + le(0x031E, 2) + le(45, 2) + le(0x0800, 2) + le(0, 2) + le(time, 2) + le(date, 2)
            + le(0x3524_41C2, 4) + le(0xFFFF_FFFF, 4) + le(0xFFFF_FFFF, 4) + le(UInt64(name.count), 2) + le(28, 2)
            + le(0, 2) + le(0, 2) + le(0, 2) + le(0o100644 << 16, 4) + le(0xFFFF_FFFF, 4)
            + name + le(1, 2) + le(24, 2) + sizes + le(0, 8)
        let cdSize = zip.count - cdOffset, zip64End = zip.count
        zip += le(0x0606_4B50, 4) + le(44, 8) + le(0x031E, 2) + le(45, 2) + le(0, 4) + le(0, 4)
            + le(1, 8) + le(1, 8) + le(UInt64(cdSize), 8) + le(UInt64(cdOffset), 8)
        zip += le(0x0706_4B50, 4) + le(0, 4) + le(UInt64(zip64End), 8) + le(1, 4)
        zip += le(0x0605_4B50, 4) + le(0, 2) + le(0, 2) + le(0xFFFF, 2) + le(0xFFFF, 2)
            + le(0xFFFF_FFFF, 4) + le(0xFFFF_FFFF, 4) + le(0, 2)
        var data = Data(zip)
        // act
        try ZIPTimestamp.stamp(&data)
        // check
        let stamped = [UInt8](data)
        let expected = le(0, 2) + le(UInt64(ZIPTimestamp.dosDate), 2)
        #expect(Array(stamped[10..<14]) == expected, "local header")
        #expect(Array(stamped[(cdOffset + 12)..<(cdOffset + 16)]) == expected, "central record")
        #expect(stamped.count == zip.count)
        // The reader follows the ZIP64 fields to the entry too.
        let bytes = DataBytes(data)
        let record = try #require(try ZIPDirectory(bytes).records.first)
        #expect(record.path == "a.txt" && record.uncompressedSize == 3 && record.localHeaderOffset == 0)
        var read = Data()
        try ZIPDirectory.read(record, from: bytes, limit: 3) { read.append($0) }
        #expect(read == Data(content))
    }

    @Test("DOC-44 writing to a file gives the same bytes, and the file verifies")
    func fileRoundTrip() throws {
        // setup
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fq-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("中村约〔2025〕12号.zip")
        try Data("old".utf8).write(to: url)
        // act
        try ArchivePackage.write(entries: Self.entries, meta: Self.meta, to: url)
        // check
        #expect(try Data(contentsOf: url) == Self.package(), "replaces the old file with the same bytes")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [url.lastPathComponent],
                "no temporary file left")
        #expect(ArchivePackage.verify(fileAt: url).isValid)
        #expect(ArchivePackage.verify(fileAt: dir.appendingPathComponent("none.zip")).problems.map(\.code)
            == ["archive.package-unreadable"])
    }

    @Test("DOC-44 an entry whose data is a slice is written from its own bytes")
    func slicedData() throws {
        // setup
        let whole = Data("xxxxabcyyyy".utf8)
        let entries = [ArchiveEntry(path: "notes/abc.txt", data: whole[4..<7])]
        // act
        let data = try ArchivePackage.write(entries: entries, meta: Self.meta)
        // check
        #expect(ArchivePackage.verify(data).isValid)
        #expect(try Self.files(of: data).last?.data == Data("abc".utf8))
        #expect(ArchivePackage.verify(data).files.first?.sha256 == Self.abcSHA256)
    }

    // MARK: - Paths

    @Test("DOC-44 unsafe or empty paths are refused", arguments: [
        ("/etc/passwd", "archive.absolute-path"),
        ("C:/Windows/x.docx", "archive.absolute-path"),
        ("../outside.docx", "archive.dot-component"),
        ("documents/../../outside.docx", "archive.dot-component"),
        ("documents/./a.docx", "archive.dot-component"),
        ("", "archive.empty-name"),
        ("documents//a.docx", "archive.empty-name"),
        ("documents/", "archive.empty-name"),
        ("documents\\..\\a.docx", "archive.invalid-character"),
        ("a\u{0}.docx", "archive.invalid-character"),
        ("documents/" + String(repeating: "文", count: 86) + ".docx", "archive.path-too-long"),
    ])
    func unsafePaths(path: String, code: String) {
        // setup
        let entries = [ArchiveEntry(path: "index.csv", data: Data()), ArchiveEntry(path: path, data: Data("x".utf8))]
        // act / check
        let error = #expect(throws: ArchivePackageError.self) {
            try ArchivePackage.write(entries: entries, meta: Self.meta)
        }
        #expect(error?.code == code)
        #expect(error?.messageZH.contains("文件路径“\(path)”") == true)
    }

    @Test("DOC-44 duplicate paths (ignoring case) and the reserved manifest.json are refused")
    func duplicatesAndReserved() {
        let a = ArchiveEntry(path: "documents/a.docx", data: Data("1".utf8))
        #expect(throws: ArchivePackageError.duplicatePath("documents/a.docx")) {
            try ArchivePackage.write(entries: [a, a], meta: Self.meta)
        }
        #expect(throws: ArchivePackageError.duplicatePath("documents/A.DOCX")) {
            try ArchivePackage.write(entries: [a, ArchiveEntry(path: "documents/A.DOCX", data: Data())], meta: Self.meta)
        }
        #expect(throws: ArchivePackageError.reservedName("manifest.json")) {
            try ArchivePackage.write(entries: [ArchiveEntry(path: "manifest.json", data: Data("{}".utf8))], meta: Self.meta)
        }
        #expect(throws: ArchivePackageError.reservedName("Manifest.JSON")) {
            try ArchivePackage.write(entries: [ArchiveEntry(path: "Manifest.JSON", data: Data())], meta: Self.meta)
        }
        // Only the root manifest is reserved.
        #expect(throws: Never.self) {
            try ArchivePackage.write(entries: [ArchiveEntry(path: "attachments/manifest.json", data: Data())], meta: Self.meta)
        }
        #expect(ArchivePackageError.reservedName("manifest.json").code == "archive.reserved-name")
        #expect(ArchivePackageError.duplicatePath("a").code == "archive.duplicate-path")
    }

    @Test("DOC-44 a hash other than SHA-256 is refused")
    func unsupportedHash() {
        var meta = Self.meta
        meta.hashAlgorithm = "SM3"
        #expect(throws: ArchivePackageError.unsupportedHashAlgorithm("SM3")) {
            try ArchivePackage.write(entries: Self.entries, meta: meta)
        }
    }

    // MARK: - Verifying

    @Test("DOC-44 a changed byte in one file is reported as altered, naming that file")
    func changedByte() throws {
        // setup: flip one byte of the photo inside the ZIP itself (it is stored, not deflated).
        var data = try Self.package()
        let range = try #require(data.range(of: Self.photo), "photo stored uncompressed")
        let index = range.lowerBound + 10
        data[index] ^= 0x01
        var changed = Self.photo
        changed[changed.startIndex + 10] ^= 0x01
        let expected = try #require(ArchivePackage.verify(try Self.package()).files.first { $0.path == Self.photoPath })
        // act
        let result = ArchivePackage.verify(data)
        // check
        #expect(!result.isValid)
        let actual = ArchivePackage.verify(try ArchivePackage.write(
            entries: [ArchiveEntry(path: Self.photoPath, data: changed)], meta: Self.meta)).files[0].sha256
        #expect(result.problems == [.fileAltered(path: Self.photoPath, expected: expected.sha256, actual: actual)])
        let problem = result.problems[0]
        #expect(problem.code == "archive.file-altered")
        #expect(problem.path == Self.photoPath)
        #expect(problem.messageZH == "文件 \(Self.photoPath) 已被改动：清单记录 SHA-256 \(expected.sha256)，实际 \(actual)")
    }

    @Test("DOC-44 a file replaced inside the package is reported: same size as altered, other size as size mismatch")
    func replacedFile() throws {
        // setup
        let sameSize = try Self.tampered { files in
            let i = files.firstIndex { $0.path == "notes/abc.txt" }!
            files[i].data = Data("abd".utf8)
        }
        let longer = try Self.tampered { files in
            let i = files.firstIndex { $0.path == "audit.jsonl" }!
            files[i].data.append(Data("{\"action\":\"forged\"}\n".utf8))
        }
        // act
        let a = ArchivePackage.verify(sameSize)
        let b = ArchivePackage.verify(longer)
        // check
        #expect(a.problems.map(\.code) == ["archive.file-altered"])
        #expect(a.problems.first?.path == "notes/abc.txt")
        if case .fileAltered(_, let expected, let actual) = a.problems.first {
            #expect(expected == Self.abcSHA256)
            #expect(actual != Self.abcSHA256)
        }
        let auditSize = Int64(Self.entries.first { $0.path == "audit.jsonl" }!.data.count)
        #expect(b.problems == [.sizeMismatch(path: "audit.jsonl", expected: auditSize, actual: auditSize + 20)])
        #expect(b.problems[0].messageZH.contains("audit.jsonl"))
    }

    @Test("DOC-44 a removed file is reported missing")
    func removedFile() throws {
        // setup
        let data = try Self.tampered { $0.removeAll { $0.path == Self.photoPath } }
        // act
        let result = ArchivePackage.verify(data)
        // check
        #expect(result.problems == [.fileMissing(Self.photoPath)])
        #expect(result.problems[0].code == "archive.file-missing")
        #expect(result.problems[0].messageZH.contains(Self.photoPath))
    }

    @Test("DOC-44 an added file is reported unlisted")
    func addedFile() throws {
        // setup
        let data = try Self.tampered { $0.append(("documents/003-补充材料.docx", Data("PK-forged".utf8))) }
        // act
        let result = ArchivePackage.verify(data)
        // check
        #expect(result.problems == [.fileUnlisted("documents/003-补充材料.docx")])
        #expect(result.problems[0].code == "archive.file-unlisted")
    }

    @Test("DOC-44 a second entry under a listed path is reported")
    func duplicateEntry() throws {
        // setup: unpackers would keep one of the two, so the copy checked might not be the one read.
        let data = try Self.tampered { $0.append(("notes/abc.txt", Data("xyz".utf8))) }
        // act
        let result = ArchivePackage.verify(data)
        // check
        #expect(result.problems == [.duplicateEntry("notes/abc.txt")])
    }

    @Test("DOC-44 several problems are all reported")
    func severalProblems() throws {
        let data = try Self.tampered { files in
            files.removeAll { $0.path == "audit.jsonl" }
            files.append(("extra.txt", Data()))
        }
        #expect(ArchivePackage.verify(data).problems == [.fileMissing("audit.jsonl"), .fileUnlisted("extra.txt")])
    }

    @Test("DOC-44 bytes that are not a ZIP are reported as such")
    func notAZip() throws {
        #expect(ArchivePackage.verify(Data("这不是压缩包 this is not a zip".utf8)).problems == [.notAZip])
        #expect(ArchivePackage.verify(Data()).problems == [.notAZip])
        // A truncated package loses its central directory.
        let truncated = try Self.package().prefix(100)
        #expect(ArchivePackage.verify(Data(truncated)).problems == [.notAZip])
        #expect(ArchiveProblem.notAZip.code == "archive.not-a-zip")
        #expect(!ArchiveProblem.notAZip.messageZH.isEmpty)
    }

    @Test("DOC-44 a package without its manifest is reported")
    func manifestMissing() throws {
        // setup
        let data = try Self.tampered { $0.removeAll { $0.path == "manifest.json" } }
        // act
        let result = ArchivePackage.verify(data)
        // check
        #expect(result.problems == [.manifestMissing])
        #expect(!result.isValid)
        #expect(result.problems[0].code == "archive.manifest-missing")
        #expect(result.problems[0].messageZH.contains("manifest.json"))
        // Any other ZIP (a DOCX, say) has no manifest either.
        #expect(ArchivePackage.verify(try Self.zip([("word/document.xml", Data("<w/>".utf8))])).problems == [.manifestMissing])
    }

    @Test("DOC-44 a manifest that is not our JSON is reported unreadable", arguments: [
        "not json",
        "{\"files\": []}",
        "{\"format\":\"other/9\",\"packageId\":\"x\",\"createdAt\":\"\",\"caseNumbers\":[],\"hashAlgorithm\":\"SHA-256\",\"files\":[]}",
        "{\"format\":\"fengqiao-archive/1\",\"packageId\":\"x\",\"createdAt\":\"\",\"caseNumbers\":[],\"hashAlgorithm\":\"MD5\",\"files\":[]}",
    ])
    func manifestUnreadable(json: String) throws {
        // setup
        let data = try Self.tampered { files in
            let i = files.firstIndex { $0.path == "manifest.json" }!
            files[i].data = Data(json.utf8)
        }
        // act
        let result = ArchivePackage.verify(data)
        // check
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.code == "archive.manifest-unreadable")
        #expect(result.problems.first?.messageZH.hasPrefix("清单文件 manifest.json 无法读取") == true)
    }

    @Test("DOC-44 a damaged entry is reported unreadable, without a crash or a hang", arguments: [
        // A deflate stream that stops inside a 65,535-byte stored block (ZIPFoundation's extract
        // loops for ever on it).
        RawEntry(name: "a.bin", method: 8, data: [0x00, 0xFF, 0xFF, 0x00, 0x00, 0x61, 0x62, 0x63], size: 65_535),
        // 1,000 × "a" deflated, declared as 10 bytes.
        RawEntry(name: "a.bin", method: 8, data: [0x4B, 0x4C, 0x1C, 0x05, 0xA3, 0x60, 0x14, 0x0C, 0x77, 0x00, 0x00], size: 10),
        // Not deflate at all.
        RawEntry(name: "a.bin", method: 8, data: [0xFF, 0xFF, 0xFF, 0xFF], size: 4),
        // A local header offset past the end (ZIPFoundation's in-memory reader traps on it).
        RawEntry(name: "a.bin", data: Array("abc".utf8), offset: 0x7FFF_FFF0),
        // A compression method we do not read (12 is bzip2).
        RawEntry(name: "a.bin", method: 12, data: Array("abc".utf8)),
    ])
    func damagedEntry(entry: RawEntry) {
        // setup
        let data = Self.rawZIP([Self.manifest(listing: "a.bin", size: entry.size ?? entry.data.count), entry])
        // act
        let result = ArchivePackage.verify(data)
        // check
        #expect(result.problems == [.fileUnreadable("a.bin")])
        #expect(result.problems.first?.messageZH == "文件 a.bin 已损坏，无法读出")
    }

    @Test("DOC-44 a hand-made package with the right hashes verifies")
    func rawPackageVerifies() {
        // setup: proves the raw ZIPs above fail for their damage, not for their making.
        var manifest = Self.manifest(listing: "a.bin", size: 3)
        manifest.data = Array(String(decoding: manifest.data, as: UTF8.self)
            .replacingOccurrences(of: String(repeating: "0", count: 64), with: Self.abcSHA256).utf8)
        let data = Self.rawZIP([manifest, RawEntry(name: "a.bin", data: Array("abc".utf8))])
        // act / check
        #expect(ArchivePackage.verify(data).problems == [])
    }

    @Test("DOC-44 any damaged byte or cut is answered, never with a crash or a hang")
    func damagedBytes() throws {
        // setup
        let package = try Self.package()
        // act / check: a package cut anywhere is invalid.
        for length in 0..<package.count {
            #expect(!ArchivePackage.verify(package.prefix(length)).isValid, "cut at \(length)")
        }
        // Every byte changed three ways: verification returns (most answers are invalid; a few
        // bytes, such as the CRC-32 fields, do not matter to it).
        var invalid = 0
        for index in package.indices {
            for value in Set([0x00, 0xFF, package[index] ^ 0x01]) where value != package[index] {
                var damaged = package
                damaged[index] = value
                if !ArchivePackage.verify(damaged).isValid { invalid += 1 }
            }
        }
        #expect(invalid > package.count)
    }

    @Test("DOC-44 a manifest rewritten with its files passes the checks but changes the manifest hash")
    func manifestHash() throws {
        // setup
        let original = ArchivePackage.verify(try Self.package())
        var forged = Self.entries
        forged[forged.firstIndex { $0.path == "notes/abc.txt" }!].data = Data("forged".utf8)
        // act
        let rewritten = ArchivePackage.verify(try ArchivePackage.write(entries: forged, meta: Self.meta))
        // check
        #expect(rewritten.isValid)
        #expect(rewritten.manifestSHA256 != original.manifestSHA256)
    }

    // MARK: - 《文书清单》

    @Test("DOC-40 the index CSV starts with a BOM and the header, and escapes commas and quotes")
    func indexCSV() throws {
        // setup
        let rows = [
            CaseFileIndex.Row(seq: 1, title: "行政约谈通知书", number: "中村约〔2025〕12号", date: "2025-10-14",
                              size: "2页", state: "已送达"),
            CaseFileIndex.Row(seq: 2, title: "整改报告, 附件", number: "", date: "2025-10-20",
                              size: "245 KB", state: "当事人称\"已整改\""),
            CaseFileIndex.Row(seq: 3, title: "=HYPERLINK(\"x\")", number: "-", date: "", size: "", state: "缺失"),
        ]
        // act
        let bytes = [UInt8](CaseFileIndex.csv(rows))
        // check
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "序号,文书名称,文号,日期,页数/大小,状态")
        #expect(lines[1] == "1,行政约谈通知书,中村约〔2025〕12号,2025-10-14,2页,已送达")
        #expect(lines[2] == "2,\"整改报告, 附件\",,2025-10-20,245 KB,\"当事人称\"\"已整改\"\"\"")
        #expect(lines[3] == "3,\"'=HYPERLINK(\"\"x\"\")\",-,,,缺失", "formula defused, lone dash kept")
        #expect(lines.count == 5 && lines[4].isEmpty, "every record ends with CRLF")
        #expect(try CSVReader.rows(bytes)[2] == ["2", "整改报告, 附件", "", "2025-10-20", "245 KB", "当事人称\"已整改\""])
        #expect(CaseFileIndex.entry(rows).path == "index.csv")
        #expect(CaseFileIndex.csv([]) == Data([0xEF, 0xBB, 0xBF] + Array("序号,文书名称,文号,日期,页数/大小,状态\r\n".utf8)))
    }
}
