import Foundation
import Testing
@testable import FengqiaoCore

@Suite("Platform core")
struct PlatformCoreTests {
    static let key1 = FieldCrypto.Key(id: "k1", bytes: (0..<32).map { UInt8($0) })
    static let key2 = FieldCrypto.Key(id: "k2", bytes: (0..<32).map { UInt8(255 - $0) })

    @Test("PLT-34 personal data round-trips under AES-256-GCM and SM4, and tampering is detected", arguments: FieldCrypto.Algorithm.allCases)
    func fieldCrypto(_ algorithm: FieldCrypto.Algorithm) throws {
        let crypto = FieldCrypto(algorithm: algorithm, keys: [Self.key1])
        let sealed = crypto.seal("11010519491231002X")
        #expect(!sealed.contains("1949"))
        #expect(try crypto.open(sealed) == "11010519491231002X")
        #expect(crypto.seal("同一值") != crypto.seal("同一值"))  // fresh nonce each time
        var bytes = Array(Data(base64Encoded: String(sealed.split(separator: ":")[2]))!)
        bytes[bytes.count - 1] ^= 1
        let tampered = sealed.split(separator: ":")[0...1].joined(separator: ":") + ":" + Data(bytes).base64EncodedString()
        #expect(throws: FieldCrypto.Failure.authentication) { try crypto.open(tampered) }
    }

    @Test("PLT-34 a rotated key still opens old values, seals new ones, and keeps the blind index")
    func rotation() throws {
        let old = FieldCrypto(algorithm: .aes256gcm, keys: [Self.key1])
        let sealedOld = old.seal("13800001111")
        let rotated = FieldCrypto(algorithm: .aes256gcm, keys: [Self.key2, Self.key1])
        #expect(try rotated.open(sealedOld) == "13800001111")
        #expect(rotated.needsReseal(sealedOld))
        let sealedNew = rotated.seal("13800001111")
        #expect(sealedNew.hasPrefix("g:k2:"))
        #expect(!rotated.needsReseal(sealedNew))
        #expect(rotated.blindIndex("11010519491231002X") == old.blindIndex("11010519491231002X"))
        let other = FieldCrypto(algorithm: .aes256gcm, keys: [Self.key2])
        #expect(throws: FieldCrypto.Failure.unknownKey("k1")) { try other.open(sealedOld) }
    }

    func chain(_ n: Int, hash: ChainHash = .sha256) -> [AuditEvent] {
        var previous = AuditChain.genesis
        return (1...n).map { i in
            let d = AuditDraft(action: "party.create", objectType: "party", objectID: "p\(i)", userLogin: "u", changes: ["name": .init(before: nil, after: "商行\(i)")])
            let h = AuditChain.hash(previous: previous, seq: Int64(i), at: 1_000 * Int64(i), draft: d, using: hash)
            defer { previous = h }
            return AuditEvent(seq: Int64(i), at: 1_000 * Int64(i), draft: d, previousHash: previous, hash: h)
        }
    }

    func verify(_ events: [AuditEvent], head: (Int64, String)?) -> AuditVerification {
        var v = AuditVerifier(hash: .sha256)
        for e in events where !v.feed(e) { break }
        return v.finish(head: head)
    }

    @Test("PLT-21 the verifier names the altered, the missing and the inserted event")
    func verifier() {
        let events = chain(10)
        let head = (Int64(10), events[9].hash)
        #expect(verify(events, head: head) == .intact(count: 10, lastSeq: 10))
        var altered = events
        var d = altered[6].draft
        d.changes["name"] = .init(before: nil, after: "改过")
        altered[6] = AuditEvent(seq: 7, at: altered[6].at, draft: d, previousHash: altered[6].previousHash, hash: altered[6].hash)
        #expect(verify(altered, head: head) == .broken(seq: 7, problem: .altered))
        var missing = events
        missing.remove(at: 3)
        #expect(verify(missing, head: head) == .broken(seq: 5, problem: .missingBefore))
        #expect(verify(Array(events.prefix(9)), head: head) == .broken(seq: 10, problem: .headMismatch))
        // An event re-hashed by someone who knows the algorithm still breaks the link after it.
        var forged = events
        var fd = forged[4].draft
        fd.userLogin = "mallory"
        forged[4] = AuditEvent(seq: 5, at: forged[4].at, draft: fd, previousHash: forged[4].previousHash,
                               hash: AuditChain.hash(previous: forged[4].previousHash, seq: 5, at: forged[4].at, draft: fd, using: .sha256))
        #expect(verify(forged, head: head) == .broken(seq: 6, problem: .notLinked))
    }

    @Test("PLT-23 SM3 chains differ from SHA-256 chains and verify with SM3")
    func sm3Chain() {
        let a = chain(3, hash: .sha256), b = chain(3, hash: .sm3)
        #expect(a[2].hash != b[2].hash)
        var v = AuditVerifier(hash: .sm3)
        #expect(b.allSatisfy { v.feed($0) })
    }

    @Test("PLT-31 the fifth consecutive failure locks for 15 minutes; the lock ends by itself")
    func lockoutRules() {
        let policy = SecurityPolicy()
        var failed = 0
        var locked: Int64? = nil
        for i in 1...4 {
            let r = LoginRules.decide(failedLogins: failed, lockedUntil: locked, active: true, passwordMatches: false, now: 0, policy: policy)
            #expect(r.decision == .wrongPassword(remaining: 5 - i))
            (failed, locked) = (r.failedLogins, r.lockedUntil)
        }
        let fifth = LoginRules.decide(failedLogins: failed, lockedUntil: locked, active: true, passwordMatches: false, now: 0, policy: policy)
        #expect(fifth.decision == .locked(until: 15 * 60_000))
        let during = LoginRules.decide(failedLogins: fifth.failedLogins, lockedUntil: fifth.lockedUntil, active: true, passwordMatches: true, now: 14 * 60_000, policy: policy)
        #expect(during.decision == .locked(until: 15 * 60_000))
        let after = LoginRules.decide(failedLogins: fifth.failedLogins, lockedUntil: fifth.lockedUntil, active: true, passwordMatches: true, now: 15 * 60_000 + 1, policy: policy)
        #expect(after.decision == .success)
        #expect(after.failedLogins == 0)
        // A success in between resets the count.
        let reset = LoginRules.decide(failedLogins: 4, lockedUntil: nil, active: true, passwordMatches: true, now: 0, policy: policy)
        #expect(reset.failedLogins == 0)
    }

    @Test("PLT-32 idle expiry after 30 minutes; PLT-30 password change due after 90 days")
    func sessionAndPasswordAge() {
        let p = SecurityPolicy()
        #expect(!LoginRules.sessionExpired(lastSeen: 0, now: 30 * 60_000, policy: p))
        #expect(LoginRules.sessionExpired(lastSeen: 0, now: 30 * 60_000 + 1, policy: p))
        #expect(!LoginRules.passwordChangeDue(mustChange: false, changedAt: 0, now: 90 * 86_400_000, policy: p))
        #expect(LoginRules.passwordChangeDue(mustChange: false, changedAt: 0, now: 90 * 86_400_000 + 1, policy: p))
        #expect(LoginRules.passwordChangeDue(mustChange: true, changedAt: 0, now: 0, policy: p))
    }

    @Test("PLT-05 scopes resolve to the unit, the unit tree, or all units")
    func scopes() {
        let bureau = OrgUnit(id: UUID(), code: "JC", name: "局", kind: .bureau, parentID: nil, areaCode: nil, numberPrefix: nil)
        let branch = OrgUnit(id: UUID(), code: "JCQ", name: "分局", kind: .branch, parentID: bureau.id, areaCode: nil, numberPrefix: nil)
        let a = OrgUnit(id: UUID(), code: "ZC", name: "中村所", kind: .office, parentID: branch.id, areaCode: nil, numberPrefix: nil)
        let b = OrgUnit(id: UUID(), code: "DH", name: "东湖所", kind: .office, parentID: branch.id, areaCode: nil, numberPrefix: nil)
        let tree = UnitTree([bureau, branch, a, b])
        func actor(_ scope: DataScope, at unit: OrgUnit) -> Actor {
            Actor.resolve(userID: UUID(), login: "u", name: "u", unitID: unit.id, assignments: [(ShippedRoles.officer, unit.id, scope)], tree: tree)
        }
        #expect(actor(.unit, at: a).visibleUnits == [a.id])
        #expect(actor(.unitTree, at: branch).visibleUnits == [branch.id, a.id, b.id])
        #expect(actor(.all, at: a).visibleUnits == nil)
        #expect(!actor(.unit, at: a).sees(unit: b.id))
    }

    @Test("PLT-04 administrator duties are separated from each other and from business roles")
    func separation() {
        #expect(Separation.check(roleCodes: ["system-admin"]).isEmpty)
        #expect(Separation.check(roleCodes: ["officer", "unit-head"]).isEmpty)
        #expect(Separation.check(roleCodes: ["system-admin", "audit-admin"]).contains { $0.code == "role.separation.admins" })
        #expect(Separation.check(roleCodes: ["security-admin", "officer"]).contains { $0.code == "role.separation.business" })
        #expect(!ShippedRoles.systemAdmin.permissions.contains(.auditRead))
        #expect(!ShippedRoles.systemAdmin.permissions.contains(.caseHandle))
        #expect(ShippedRoles.auditAdmin.permissions == [.auditRead, .auditExport])
    }

    @Test("PLT-03 every shipped role passes the role editor's own rules, so saving one unchanged never fails")
    func shippedRolesAreValid() {
        for role in ShippedRoles.all {
            let draft = RoleDraft(code: role.code, nameZH: role.nameZH, permissions: role.permissions.map(\.rawValue),
                                  defaultScope: role.defaultScope.rawValue, adminDuty: role.adminDuty?.rawValue)
            let result = RoleRules.validate(draft, isNew: false, catalog: .shipped)
            #expect((try? result.get()) == role, "\(role.code)")
        }
    }

    @Test("PLT-04 the role editor keeps the three administrators apart and names every fault at once")
    func roleEditorSeparation() throws {
        // setup
        let catalog = RoleCatalog.shipped
        func faults(_ d: RoleDraft, isNew: Bool = true) -> [String] {
            if case .failure(let e) = RoleRules.validate(d, isNew: isNew, catalog: catalog) { return e.fields.map(\.code) }
            return []
        }
        // check: a business role may read the trail (the discipline office, PLT-22) but not manage users
        #expect(faults(RoleDraft(code: "window-clerk", nameZH: "窗口受理员", permissions: ["case.create", "case.read", "audit.read"], defaultScope: "unit")) == [])
        #expect(faults(RoleDraft(code: "window-clerk", nameZH: "窗口受理员", permissions: ["case.read", "admin.users"], defaultScope: "unit")) == ["role.separation.business"])
        // an administrator role holds only its own duty's permissions
        #expect(faults(RoleDraft(code: "sec2", nameZH: "副安全管理员", permissions: ["security.roles", "audit.read"], defaultScope: "all", adminDuty: "security"))
                == ["role.separation.duty"])
        // a shipped administrator keeps its duty
        #expect(faults(RoleDraft(code: "audit-admin", nameZH: "审计管理员", permissions: ["audit.read"], defaultScope: "all"), isNew: false)
                .contains("role.duty.fixed"))
        // every fault is named at once
        let all = faults(RoleDraft(code: "Officer!", nameZH: "执法人员", permissions: ["case.fly"], defaultScope: "galaxy"))
        #expect(Set(all) == ["role.code.invalid", "role.name.taken", "role.scope.invalid", "role.permission.unknown"])
        #expect(faults(RoleDraft(code: "officer", nameZH: "新执法人员", permissions: ["case.read"], defaultScope: "unit")) == ["role.code.taken"])
    }

    @Test("PLT-03 a stored role overrides the shipped one and custom roles follow; separation reads the catalogue")
    func catalogue() throws {
        let clerk = Role(code: "window-clerk", nameZH: "窗口受理员", permissions: [.caseCreate, .caseRead], defaultScope: .unit)
        let officer = Role(code: "officer", nameZH: "执法人员", permissions: [.caseRead], defaultScope: .own)
        let catalog = RoleCatalog(stored: [(clerk, 1), (officer, 3)])
        #expect(catalog.roles.map(\.code).last == "window-clerk")
        #expect(catalog.role("officer")?.permissions == [.caseRead])
        #expect(catalog.version(of: "officer") == 3 && catalog.version(of: "unit-head") == 0)
        #expect(catalog.codes(granting: .caseCreate).contains("window-clerk"))
        #expect(Separation.check(roleCodes: ["window-clerk", "officer"], catalog: catalog).isEmpty)
        #expect(Separation.check(roleCodes: ["window-clerk"]).map(\.code) == ["role.unknown"])
        #expect(Separation.check(roleCodes: ["window-clerk", "security-admin"], catalog: catalog).map(\.code) == ["role.separation.business"])
    }

    @Test("PLT-13 search terms: pairs of normalised characters")
    func searchTerms() {
        #expect(SearchTerms.terms("江城 好味（食品）") == ["江城", "城好", "好味", "味食", "食品"])
        #expect(SearchTerms.terms("ＡＢＣ商行") == ["ab", "bc", "c商", "商行"])
        #expect(SearchTerms.terms("王") == ["王"])
    }

    @Test("PLT-40 media types are sniffed from content")
    func sniff() {
        #expect(MediaSniffer.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]) == "image/png")
        #expect(MediaSniffer.sniff(Array("%PDF-1.4".utf8)) == "application/pdf")
        #expect(MediaSniffer.sniff([0xFF, 0xD8, 0xFF, 0xE0]) == "image/jpeg")
        #expect(MediaSniffer.sniff(Array("纯文本".utf8)) == "text/plain")
        #expect(MediaSniffer.sniff([0, 1, 2, 3, 0xFE]) == "application/octet-stream")
    }

    @Test("PLT-10 PLT-11 the demo generates valid identifiers")
    func demoIdentifiers() throws {
        let today = LocalDate(year: 2025, month: 9, day: 30)!
        for p in DemoData.parties(count: 200) {
            if let u = p.uscc { #expect(throws: Never.self) { try USCC(u) } }
            if let i = p.idNumber { #expect(throws: Never.self) { try IDNumber(i, today: today) } }
            #expect(PartyRules.validate(p, today: today).map { _ in true } == .success(true))
        }
    }

    @Test("X-01 today in Beijing does not depend on the server's zone")
    func beijingToday() {
        // 2025-09-30 16:30 UTC is 2025-10-01 00:30 in Beijing.
        let instant = Date(timeIntervalSince1970: 1_759_249_800)
        #expect(WallClock.beijingDate(of: instant) == LocalDate(year: 2025, month: 10, day: 1))
        #expect(WallClock.beijingDate(of: instant.addingTimeInterval(-3600)) == LocalDate(year: 2025, month: 9, day: 30))
    }
}

#if canImport(Glibc)
import Glibc
#endif

@Suite("Time zone independence")
struct TimeZoneTests {
    @Test("X-01 CAL-15 dates are Beijing dates whatever the server's TZ (America/Los_Angeles)")
    func losAngeles() throws {
        let saved = ProcessInfo.processInfo.environment["TZ"]
        setenv("TZ", "America/Los_Angeles", 1)
        tzset()
        defer {
            if let saved { setenv("TZ", saved, 1) } else { unsetenv("TZ") }
            tzset()
        }
        #expect(TimeZone.current.identifier == "America/Los_Angeles")
        // 2025-09-30 16:30 UTC: 09:30 on the 30th in Los Angeles, already 10-01 00:30 in Beijing.
        let instant = Date(timeIntervalSince1970: 1_759_249_800)
        #expect(WallClock.beijingDate(of: instant) == LocalDate(year: 2025, month: 10, day: 1))
        #expect(WallClock.beijingText(millis: 1_759_249_800_000) == "2025-10-01 00:30:00")
        // Due dates are pure date arithmetic: the same answers under any zone.
        #expect(WorkCalendar.shipped.due(from: LocalDate(year: 2025, month: 9, day: 30)!, count: 5, unit: .workday).date == LocalDate(year: 2025, month: 10, day: 14))
        #expect(WorkCalendar.shipped.due(from: LocalDate(year: 2025, month: 9, day: 5)!, count: 30, unit: .day).date == LocalDate(year: 2025, month: 10, day: 9))
        #expect(WorkCalendar.shipped.between(LocalDate(year: 2025, month: 9, day: 30)!, LocalDate(year: 2025, month: 10, day: 14)!) == 5)
    }
}
