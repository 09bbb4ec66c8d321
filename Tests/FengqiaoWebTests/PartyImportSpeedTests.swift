import FengqiaoCore
import FengqiaoStore
import Foundation
import SQLKit
import Testing

/// The fast paths of the bulk party import must store exactly what the plain paths stored: the
/// same audit hashes, the same search terms, every party audited, sealed and searchable.
@Suite("Party import fast paths", .serialized)
struct PartyImportSpeedTests {
    /// The canonical form as first written (PLT-20): stored chains are hashed over these bytes.
    static func referenceCanonical(seq: Int64, at: Int64, _ d: AuditDraft) -> [UInt8] {
        var out: [UInt8] = []
        func put(_ s: String?) {
            guard let s else { out.append(contentsOf: Array("-1:".utf8)); return }
            let u = Array(s.utf8)
            out.append(contentsOf: Array("\(u.count):".utf8))
            out.append(contentsOf: u)
        }
        put(String(seq)); put(String(at)); put(d.action); put(d.objectType); put(d.objectID); put(d.userID); put(d.userLogin)
        put(d.unitID); put(d.clientAddress); put(d.requestID); put(d.detail)
        put(String(d.changes.count))
        for key in d.changes.keys.sorted() {
            put(key); put(d.changes[key]!.before); put(d.changes[key]!.after)
        }
        return out
    }

    /// The search terms as first written (PLT-13): stored terms and query terms must keep matching.
    static func referenceTerms(_ text: String) -> [String] {
        var chars: [Character] = []
        for scalar in text.unicodeScalars {
            var v = scalar.value
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }
            if v == 0x3000 { continue }
            if v >= 0x41 && v <= 0x5A { v += 0x20 }
            guard let s = Unicode.Scalar(v) else { continue }
            if v < 0x80 {
                if !((v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A)) { continue }
            } else if s.properties.isWhitespace || s.properties.generalCategory == .otherPunctuation
                        || s.properties.generalCategory == .openPunctuation || s.properties.generalCategory == .closePunctuation
                        || s.properties.generalCategory == .dashPunctuation || s.properties.generalCategory == .initialPunctuation
                        || s.properties.generalCategory == .finalPunctuation || s.properties.generalCategory == .mathSymbol {
                continue
            }
            chars.append(Character(s))
        }
        if chars.count < 2 { return chars.isEmpty ? [] : [String(chars)] }
        var seen = Set<String>()
        var out: [String] = []
        for i in 0..<(chars.count - 1) {
            let t = String([chars[i], chars[i + 1]])
            if seen.insert(t).inserted { out.append(t) }
        }
        return out
    }

    @Test("PLT-20 the canonical form and hash of an event are byte for byte those of stored chains", arguments: ChainHash.allCases)
    func canonicalUnchanged(_ hash: ChainHash) {
        let drafts = [
            AuditDraft(action: "party.create", objectType: "party", objectID: UUID().uuidString, userLogin: "system:bench",
                       changes: ["name": .init(before: nil, after: "江城市中村五金商行"), "uscc": .init(before: nil, after: nil)], detail: "import"),
            AuditDraft(action: "x", objectType: "", objectID: nil),
            AuditDraft(action: "party.update", objectType: "party", objectID: "p1", userID: "u", userLogin: "王五", unitID: "unit", clientAddress: "::1",
                       requestID: "r-1", changes: ["version": .init(before: "1", after: "2"), "address": .init(before: "旧址\n", after: "新址\"\\"),
                                                   "phone": .init(before: "138****1234", after: nil), "Zeta": .init(before: "", after: "")],
                       detail: "😀 e\u{301}"),
        ]
        for (i, d) in drafts.enumerated() {
            for (seq, at) in [(Int64(1), Int64(0)), (Int64(i + 9), Int64(1_759_197_600_000)), (Int64(1_000_000_007), Int64(-5))] {
                #expect(AuditChain.canonical(seq: seq, at: at, d) == Self.referenceCanonical(seq: seq, at: at, d))
                let previous = AuditChain.genesis
                let expected = AuditChain.hex(hash.digest(Array(previous.utf8) + Self.referenceCanonical(seq: seq, at: at, d)))
                #expect(AuditChain.hash(previous: previous, seq: seq, at: at, draft: d, using: hash) == expected)
            }
        }
        #expect(AuditChain.hex([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    }

    @Test("PLT-13 search terms are cut as before, for Chinese, Latin, full-width, punctuation and combining marks")
    func termsUnchanged() {
        let names = ["江城 好味（食品）", "ＡＢＣ商行", "王", "", "  ", "江城市中村五金商行第7分店", "abab", "哈哈哈哈", "Café Noir・咖啡",
                     "e\u{301}e\u{301}é", "Å\u{323}x A\u{323}\u{30A}x", "가나다 가나", "《江城》—“老字号”", "１２３－４５６", "x", "😀😀饭店😀",
                     "A\u{3000}B", "Ω Ω", "江城市\(UUID().uuidString)"]
        for name in names {
            #expect(SearchTerms.terms(name) == Self.referenceTerms(name), "\(name)")
        }
        for p in DemoData.parties(count: 500, seed: 3) {
            #expect(SearchTerms.terms(p.name) == Self.referenceTerms(p.name))
        }
    }

    @Test("imported ids ascend, are unique and carry version 7")
    func orderedIDs() {
        let ids = BulkWork.orderedUUIDs(5000, millis: 1_759_197_600_000)
        #expect(Set(ids).count == 5000)
        #expect(ids.map(\.uuidString) == ids.map(\.uuidString).sorted())
        #expect(ids.allSatisfy { $0.uuidString.dropFirst(14).first == "7" })
        #expect(ids.allSatisfy { "89AB".contains($0.uuidString.dropFirst(19).first!) })
    }

    @Test("PLT-14 PLT-20 PLT-34 a multi-chunk import audits, seals and indexes every party, reports bad rows and is idempotent")
    func largeImport() async throws {
        try await withApp { env in
            let s = try await env.seed()
            let officer = try await env.actor(s.officerA)
            var rows: [(row: Int, input: PartyInput)] = DemoData.parties(count: 2300, seed: 5, serialBase: 400_000).enumerated().map { ($0.offset + 2, $0.element) }
            rows.append((rows.count + 2, PartyInput(kind: "企业", name: "坏校验商行", uscc: "91310000MA1FL0L41W")))
            rows.append((rows.count + 2, rows[0].input))  // repeated within the file
            let eventsBefore = try await env.audit.count()
            // setup: small chunks, so several transactions and several preparation slices run
            let summary = try await env.parties.importRows(rows, unitID: s.officeA.id, actor: officer, context: .system("t"), chunkSize: 1000)
            // check
            #expect(summary.created == 2300)
            #expect(summary.existing == 1)
            #expect(summary.errors.map(\.row) == [rows.count])
            #expect(try await env.parties.count(actor: officer) == 2300)
            // PLT-20: one event per created party, plus the import's own, and the chain holds.
            #expect(try await env.audit.count() == eventsBefore + 2300 + 1)
            let creates = try await env.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("audit_events")
                .where("action", .equal, "party.create").first()?.decode(column: "n", as: Int.self)
            #expect(creates == 2300)
            #expect(try await env.audit.verify().isIntact)
            // PLT-34: persons' ID numbers, phones and addresses sealed; an enterprise's contact data public.
            let person = try #require(rows.first { $0.input.kind == PartyKind.person.rawValue }?.input)
            let stored = try #require(try await env.sql.select().columns("id", "id_number_cipher", "phone_cipher", "address_cipher", "phone_masked", "person_key")
                .from("parties").where("name", .equal, person.name).where("id_number_index", .equal, env.store.crypto.blindIndex(person.idNumber!)).first())
            let cipher = try stored.decode(column: "id_number_cipher", as: String.self)
            #expect(!cipher.contains(String(person.idNumber!.dropFirst(6).prefix(8))))
            #expect(try env.store.crypto.open(cipher) == person.idNumber)
            #expect(try env.store.crypto.open(try stored.decode(column: "phone_cipher", as: String.self)) == person.phone)
            #expect(try env.store.crypto.open(try stored.decode(column: "address_cipher", as: String.self)) == person.address)
            #expect(try stored.decode(column: "phone_masked", as: String.self) == Masking.phone(person.phone!))
            #expect(try stored.decode(column: "person_key", as: String?.self) == env.store.crypto.blindIndex(person.idNumber!))
            let id = try stored.decode(column: "id", as: UUID.self)
            let revealed = try await env.parties.storedPersonalData(id, actor: officer)
            #expect(revealed.idNumber == person.idNumber && revealed.phone == person.phone && revealed.address == person.address)
            // PLT-13: found by two characters of its name.
            let enterprise = try #require(rows.first { $0.input.kind == PartyKind.enterprise.rawValue }?.input)
            let found = try await env.parties.search(enterprise.name, actor: officer, limit: 5000)
            #expect(found.contains { $0.name == enterprise.name && $0.uscc == enterprise.uscc })
            #expect(found.first { $0.name == enterprise.name }?.phoneMasked == enterprise.phone)
            let terms = try await env.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("party_terms").first()?
                .decode(column: "n", as: Int.self)
            #expect(terms == rows.prefix(2300).reduce(0) { $0 + SearchTerms.terms($1.input.name).count })
            // PLT-12: the same file again creates nothing.
            let again = try await env.parties.importRows(rows, unitID: s.officeA.id, actor: officer, context: .system("t"), chunkSize: 1000)
            #expect(again.created == 0)
            #expect(again.existing == 2301)
            #expect(try await env.parties.count(actor: officer) == 2300)
            #expect(try await env.audit.verify().isIntact)
        }
    }
}
