import FengqiaoCore
import FengqiaoStore
import Foundation
import Vapor

/// Issue 5's benchmark: with `count` cases of a procedure with a bench plan (`Benchmarked`) in 40
/// offices, the latency of the worklists and the case page over real HTTP (p50 / p99), and
/// transitions per second through the API with 8 concurrent clients. Cases are written in bulk with
/// the facts and clocks the procedure would have left; the measured requests go through the whole
/// server (session, scope, engine, templates).
enum ProcedureBench {
    static let offices = 40

    static func run<P: Benchmarked>(_ procedure: P.Type, _ context: CommandContext, app: Application, store: Store, count: Int) async throws {
        let plan = P.bench
        let org = OrganisationRepository(store: store)
        let ctx = AuditContext.system("bench")
        let today = store.clock.todayInBeijing
        let bureau = try await org.createUnit(code: "BIJ", name: "基准局", kind: .bureau, parentID: nil, areaCode: nil, numberPrefix: "基准局", context: ctx)
        var units: [UUID] = []
        for i in 1...offices {
            let code = String(format: "BI%02d", i)
            units.append(try await org.createUnit(code: code, name: "基准所\(i)", kind: .office, parentID: bureau.id, areaCode: nil,
                                                  numberPrefix: "基准\(i)所", context: ctx).id)
        }
        let hash = try app.fengqiao.hasher.hash("Bench-pass-2025")
        func user(_ login: String, _ unit: UUID, _ role: String, _ scope: DataScope) async throws -> UserRecord {
            try await org.createUser(NewUser(login: login, name: login, unitID: unit, passwordHash: hash, mustChangePassword: false,
                                             roles: [(role, unit, scope)]), context: ctx)
        }
        let officer = try await user("bi_officer", units[0], "officer", .unit)
        let officer2 = try await user("bi_officer2", units[0], "officer", .unit)
        let head = try await user("bi_head", units[0], "unit-head", .unitTree)
        let chief = try await user("bi_chief", bureau.id, "chief-leader", .all)
        // The API client of the transition figures: an officer whose scope is every office.
        let apiOfficer = try await user("bi_api", bureau.id, "officer", .all)
        for (id, kinds) in [(officer.id, plan.qualifications), (officer2.id, plan.qualifications + plan.colleagueQualifications)] {
            for kind in kinds {
                _ = try await org.addQualification(userID: id, kind: kind, issuer: "基准", obtainedOn: today.adding(days: -400), expiresOn: nil, context: ctx)
            }
        }
        let parties = try await PartyRepository(store: store).search(nil, actor: try await org.actor(for: chief), limit: 5000).map(\.id)
        guard !parties.isEmpty else { throw Abort(.internalServerError, reason: "bench: the party import must run first") }

        // Bulk cases: states spread over the open states; 1 in 10 of office 1's cases handled by bi_officer.
        let t0 = Date()
        let openStates = plan.openStates
        guard let rules = P.module.ruleSets.first(where: { $0.key == P.ruleSetKey }) else {
            throw Abort(.internalServerError, reason: "bench: \(P.caseType) ships no rule set \(P.ruleSetKey)")
        }
        let calendar = try await CalendarRepository(store: store).current()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var rng = DemoData.Random(seed: 29)
        let cast = BenchCast(officer: try await org.actor(for: officer), colleague: officer2.id, leader: try await org.actor(for: chief), calendar: calendar)
        var measuredCases: [UUID] = []
        var officerCases: [UUID] = []
        var companions = 0
        let chunk = 5_000
        var written = 0
        while written < count {
            let m = min(chunk, count - written)
            var rows = BenchRows()
            for i in 0..<m {
                let n = written + i
                let unit = units[n % offices]
                let id = UUID()
                let state = openStates[Int(rng.next() % UInt64(openStates.count))]
                let party = parties[n % parties.count]
                let handled = unit == units[0] && (n / offices) % 10 == 0
                let handler = handled ? officer.id : nil
                let start = today.adding(days: -Int(rng.next() % 12))
                let seed = BenchSeed(state: state, party: party, partyName: "基准当事人\(n)", openedOn: start, serial: n, counterpart: parties[(n + 1) % parties.count])
                let f = try plan.facts(seed, cast)
                guard let step = plan.clockStep[state] else { throw Abort(.internalServerError, reason: "bench: no clock for \(P.caseType) state \(state)") }
                try rows.add(P.self, id: id, number: CaseNumber(unitCode: "B\(n % offices + 1)", moduleCode: P.module.moduleCode, year: today.year, serial: n / offices + 1).formatted,
                             title: "基准案件\(n)", unit: unit, handler: handler, state: state, party: party, start: start, clockStart: plan.clockStart(f, step, start),
                             facts: f, major: n % 50 == 0, serial: n, step: step, rules: rules, calendar: calendar, encoder: encoder)
                // Cases of the procedures counted with this one (CP-38: a report for every four complaints), spread over the offices.
                for (companion, every) in plan.companions where n % every == 0 {
                    let k = n / every
                    try rows.addCompanion(companion, seed: seed, cast: cast, unit: units[k % offices], unitCode: "B\(k % offices + 1)", year: today.year,
                                          serial: k / offices + 1, rules: store.procedures.ruleSets, calendar: calendar, encoder: encoder, random: rng.next())
                    companions += 1
                }
                if state == plan.measuredState && measuredCases.count < 4_000 { measuredCases.append(id) }
                if handled { officerCases.append(id) }
            }
            let batch = rows
            try await store.write(ctx) { tx in try await batch.insert(tx) }
            written += m
        }
        if companions > 0 {
            context.console.print("with them \(companions) cases of \(plan.companions.map { $0.procedure.caseType }.joined(separator: ", ")) (CP-38 counts both tracks)")
        }
        context.console.print(String(format: "\(P.caseType): %d cases in %d offices (+%d clocks, %d party links) written in %.1f s; bi_officer handles %d",
                                     count, offices, count, count, Date().timeIntervalSince(t0), officerCases.count))

        // The real server on a loopback port.
        let port = 18_000 + Int.random(in: 0..<2000)
        try await app.server.start(address: .hostname("127.0.0.1", port: port))
        defer { Task { await app.server.shutdown() } }
        let base = "http://127.0.0.1:\(port)"
        let access = AccessRepository(store: store)
        func cookie(_ u: UserRecord) async throws -> String { "fq_session=" + (try await access.startSession(userID: u.id, context: ctx)).secret }
        let officerCookie = try await cookie(officer), headCookie = try await cookie(head), chiefCookie = try await cookie(chief)

        func timed(_ label: String, _ n: Int, _ path: @escaping @Sendable (Int) -> String, cookie: String) async throws {
            var ms: [Double] = []
            var bytes = 0
            for i in 0..<(n + 5) {
                let t = Date()
                let res = try await app.client.get(URI(string: base + path(i)), headers: ["Cookie": cookie])
                let elapsed = Date().timeIntervalSince(t) * 1000
                guard res.status == .ok else { throw Abort(.internalServerError, reason: "bench: \(path(i)) answered \(res.status.code)") }
                if i >= 5 { ms.append(elapsed) }  // five warm-up requests
                bytes += res.body?.readableBytes ?? 0
            }
            ms.sort()
            context.console.print(String(format: "%@: %d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms (%.0f KB each)", label, n, ms[n / 2],
                                         ms[min(n - 1, Int(Double(n) * 0.99))], ms[n - 1], Double(bytes) / Double(n + 5) / 1024))
        }
        try await timed("worklist 我的待办 (bi_officer, \(officerCases.count) cases)", 200, { _ in "/" }, cookie: officerCookie)
        try await timed("worklist 本单位 (bi_head, \(count / offices) open cases, 50 a page)", 200, { _ in "/?view=unit" }, cookie: headCookie)
        try await timed("worklist 重大案件 (bi_chief, all \(count) cases in scope)", 200, { _ in "/?view=major" }, cookie: chiefCookie)
        let sample = officerCases
        try await timed("case page (bi_officer, random own case)", 300, { i in "/cases/\(sample[(i * 7919) % sample.count].uuidString)" }, cookie: officerCookie)

        // Transitions through the API: 8 clients, each taking the plan's transition on its own cases.
        let token = try await access.createToken(userID: apiOfficer.id, name: "bench", scopes: ["api"], context: ctx).secret
        let clients = 8
        let perClient = min(100, measuredCases.count / clients)
        let cases = measuredCases
        let client = app.client
        let body = String(decoding: try JSONEncoder().encode(["input": plan.measuredInput]), as: UTF8.self)
        let action = "\(base)/api/v1/\(P.module.pathWord)/%@/actions/\(plan.measuredTransition)"
        let t1 = Date()
        let failures = try await withThrowingTaskGroup(of: Int.self) { group in
            for c in 0..<clients {
                group.addTask {
                    var failed = 0
                    for k in 0..<perClient {
                        let id = cases[c * perClient + k]
                        let res = try await client.post(URI(string: String(format: action, id.uuidString)),
                                                        headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]) { req in
                            req.body = ByteBuffer(string: body)
                        }
                        if res.status != .ok { failed += 1 }
                    }
                    return failed
                }
            }
            return try await group.reduce(0, +)
        }
        let seconds = Date().timeIntervalSince(t1)
        context.console.print(String(format: "transitions through the API: %d \(plan.measuredTransition) by %d concurrent clients in %.2f s = %.0f transitions/s (%d refused)",
                                     clients * perClient, clients, seconds, Double(clients * perClient) / seconds, failures))
        if let intake = plan.intake {
            try await Self.intake(context, client: client, url: "\(base)/api/v1/\(P.module.pathWord)", token: token, clients: clients, perClient: 250) { n in
                let party = parties[n % parties.count]
                return intake(BenchSeed(state: "", party: party, partyName: "基准来件\(n)", openedOn: today, serial: 10_000_000 + n,
                                        counterpart: parties[(n + 7) % parties.count]))
            }
        }
    }

    /// New cases opened through the API by `clients` concurrent clients, each request answered only
    /// once its transaction committed (the 201 follows the commit): openings per second and the
    /// latency of one opening.
    static func intake(_ context: CommandContext, client: any Client, url: String, token: String, clients: Int, perClient: Int,
                       input: @escaping @Sendable (Int) -> [String: [String]]) async throws {
        let t0 = Date()
        let results = try await withThrowingTaskGroup(of: (ms: [Double], refused: Int).self) { group in
            for c in 0..<clients {
                group.addTask {
                    var ms: [Double] = [], refused = 0
                    for k in 0..<perClient {
                        let body = String(decoding: try JSONEncoder().encode(input(c * perClient + k)), as: UTF8.self)
                        let t = Date()
                        let res = try await client.post(URI(string: url), headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]) {
                            $0.body = ByteBuffer(string: body)
                        }
                        ms.append(Date().timeIntervalSince(t) * 1000)
                        if res.status != .created { refused += 1 }
                    }
                    return (ms, refused)
                }
            }
            return try await group.reduce(into: (ms: [Double](), refused: 0)) { $0.ms += $1.ms; $0.refused += $1.refused }
        }
        let seconds = Date().timeIntervalSince(t0)
        let ms = results.ms.sorted(), n = ms.count
        context.console.print(String(format: "intake through the API: %d new cases by %d concurrent clients in %.2f s = %.0f cases/s, p50 %.1f ms, p99 %.1f ms (%d refused)",
                                     n, clients, seconds, Double(n) / seconds, ms[n / 2], ms[min(n - 1, Int(Double(n) * 0.99))], results.refused))
    }
}
