import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Fluent
import Foundation
import Vapor

public struct ExitCode: Error {
    public let code: Int32
    public init(_ code: Int32) { self.code = code }
}

/// The demo bureau's units (platform.md: a bureau, a branch, two offices, the departments).
enum DemoOrg {
    struct U { let code: String; let name: String; let kind: UnitKind; let parent: String?; let prefix: String? }
    static let units: [U] = [
        U(code: "JC", name: "江城市市场监督管理局", kind: .bureau, parent: nil, prefix: "江市监"),
        U(code: "FZK", name: "法制科", kind: .department, parent: "JC", prefix: nil),
        U(code: "ZFK", name: "业务执法科", kind: .department, parent: "JC", prefix: "江市监执"),
        U(code: "JJS", name: "纪检监察室", kind: .department, parent: "JC", prefix: nil),
        U(code: "BGS", name: "办公室", kind: .department, parent: "JC", prefix: nil),
        U(code: "TJZX", name: "行政调解中心", kind: .centre, parent: "JC", prefix: "江市监调"),
        U(code: "XFB", name: "信访办", kind: .department, parent: "JC", prefix: "江市监信"),
        U(code: "JCQ", name: "江城区分局", kind: .branch, parent: "JC", prefix: "江城分局"),
        U(code: "ZC", name: "中村市场监管所", kind: .office, parent: "JCQ", prefix: "中村所"),
        U(code: "DH", name: "东湖市场监管所", kind: .office, parent: "JCQ", prefix: "东湖所"),
    ]
    /// (login, name, unit, role): a user for every shipped role.
    static let users: [(String, String, String, String)] = [
        ("admin", "系统管理员", "BGS", "system-admin"),
        ("security", "安全管理员", "BGS", "security-admin"),
        ("auditor", "审计管理员", "JJS", "audit-admin"),
        ("zc_officer", "李明", "ZC", "officer"),
        ("zc_officer2", "王芳", "ZC", "officer"),
        ("zc_head", "张建国", "ZC", "unit-head"),
        ("dh_officer", "陈静", "DH", "officer"),
        ("legal", "刘法制", "FZK", "legal-reviewer"),
        ("deputy", "赵分管", "JCQ", "deputy-leader"),
        ("chief", "孙局长", "JC", "chief-leader"),
        ("discipline", "周纪检", "JJS", "discipline"),
        ("mediator", "吴调解", "TJZX", "mediator"),
        ("petition", "郑信访", "XFB", "petition-officer"),
        // complaints.md roles: the 分局's 分送员 (the common superior of 中村所 and 东湖所, CP-42), the
        // office's 受理员 and 投诉站联络员, and the 受托调解员 of 中村消协分会 (CP-17).
        ("jcq_dispatcher", "冯分送", "JCQ", "complaint-dispatcher"),
        ("zc_registrar", "钱受理", "ZC", "complaint-registrar"),
        ("zc_liaison", "孙联络", "ZC", "complaint-liaison"),
        ("zc_delegate", "陈立新", "ZC", "delegated-mediator"),
    ]
}

/// `fengqiao demo`: a fresh SQLite database in the current directory with the demo bureau, a user
/// for every role (passwords printed once), 200 parties, then serves.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "port", help: "端口 (default 8080)") var port: Int?
        @Option(name: "hostname", help: "监听地址 (default 127.0.0.1)") var hostname: String?
        @Option(name: "password", help: "所有演示用户使用此密码（便于脚本测试）；省略则随机生成并打印") var password: String?
        @Flag(name: "no-serve", help: "只创建数据，不启动服务") var noServe: Bool
    }
    var help: String { "创建演示库（./fengqiao.sqlite）并启动服务 / create the demo database and serve" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let passwords = try await Self.seed(app, password: signature.password)
        context.console.print("")
        context.console.print("枫桥演示库已创建：\(FileManager.default.currentDirectoryPath)/fengqiao.sqlite")
        context.console.print("演示用户（密码只显示这一次）：")
        for (login, name, role, pw) in passwords {
            context.console.print("  \(login.padding(toLength: 12, withPad: " ", startingAt: 0)) \(pw)  \(name) · \(role)")
        }
        let host = signature.hostname ?? "127.0.0.1"
        let port = signature.port ?? app.fengqiao.config.port
        context.console.print("打开 http://\(host):\(port)/ 登录。按 Ctrl+C 停止。")
        guard !signature.noServe else { return }
        var serve = context
        serve.input = CommandInput(arguments: ["fengqiao serve", "--hostname", host, "--port", String(port)])
        guard let command = app.asyncCommands.commands["serve"] else { throw ExitCode(1) }
        try await command.run(using: &serve)
    }

    static func seed(_ app: Application, password: String?) async throws -> [(String, String, String, String)] {
        let store = app.fengqiao.store(app.db)
        let org = OrganisationRepository(store: store)
        let ctx = AuditContext.system("demo")
        var ids: [String: UUID] = [:]
        for u in DemoOrg.units {
            let unit = try await org.createUnit(code: u.code, name: u.name, kind: u.kind, parentID: u.parent.flatMap { ids[$0] }, areaCode: "330102",
                                                numberPrefix: u.prefix, context: ctx)
            ids[u.code] = unit.id
        }
        let hasher = app.fengqiao.hasher
        var out: [(String, String, String, String)] = []
        var rng = SystemRandomNumberGenerator()
        // The bureau's users, then those each registered procedure brings for its own roles.
        let procedureUsers = store.procedures.procedures.flatMap { $0.module.demoUsers }.map { ($0.login, $0.name, $0.unitCode, $0.role) }
        for (login, name, unit, role) in DemoOrg.users + procedureUsers {
            guard let r = ShippedRoles.roles(store.procedures).first(where: { $0.code == role }), let unitID = ids[unit] else { continue }
            let pw = password ?? Self.randomPassword(&rng)
            let hash = try await app.threadPool.runIfActive { try hasher.hash(pw) }
            // Demo users skip the first-login password change so the demo opens straight away.
            _ = try await org.createUser(NewUser(login: login, name: name, unitID: unitID, passwordHash: hash, mustChangePassword: false,
                                                 roles: [(role, unitID, r.defaultScope)]), context: ctx)
            out.append((login, name, r.nameZH, pw))
        }
        // 200 parties with valid identifiers, split between the two offices; a centre (the 行政调解中心's
        // window, mediation.md) registers its walk-in parties itself: 120 more each.
        let centres = DemoOrg.units.filter { $0.kind == .centre }.map(\.code)
        let parties = DemoData.parties(count: 200 + 120 * centres.count)
        let repo = PartyRepository(store: store)
        let slices = [("ZC", parties[0..<120]), ("DH", parties[120..<200])] + centres.enumerated().map { ($0.element, parties[(200 + 120 * $0.offset)..<(320 + 120 * $0.offset)]) }
        for (office, slice) in slices {
            let unitID = ids[office]!
            let actor = Actor(userID: UUID(), login: "demo", name: "演示", unitID: unitID, permissions: [.partyImport, .partyWrite, .partyRead],
                              roleCodes: [], visibleUnits: [unitID])
            _ = try await repo.importRows(slice.enumerated().map { ($0.offset + 2, $0.element) }, unitID: unitID, actor: actor, context: ctx)
        }
        // 中村所's 消协分会 (CP-17, CP-40), to which a demo mediation is delegated.
        if let dispatcher = try await org.user(login: "jcq_dispatcher") {
            _ = try await ServicePointRepository(store: store).create([
                "unitID": ids["ZC"]!.uuidString, "kind": ServicePointKind.consumerAssociation.rawValue, "name": ComplaintProcedure.demoAssociation,
                "liaisonName": "孙联络", "liaisonPhone": "0571-86001234", "listedOn": "2024-03-15",
            ], actor: try await org.actor(for: dispatcher), context: ctx)
        }
        // Each registered procedure's demo cases (its folder's `DemoPlan`).
        try await DemoRunner.seed(store, officeID: ids["ZC"]!, context: ctx)
        return out
    }

    static func randomPassword(_ rng: inout SystemRandomNumberGenerator) -> String {
        let lower = Array("abcdefghijkmnpqrstuvwxyz"), upper = Array("ABCDEFGHJKLMNPQRSTUVWXYZ"), digits = Array("23456789")
        var chars: [Character] = []
        for _ in 0..<4 { chars.append(lower.randomElement(using: &rng)!) }
        for _ in 0..<3 { chars.append(upper.randomElement(using: &rng)!) }
        for _ in 0..<3 { chars.append(digits.randomElement(using: &rng)!) }
        return String(chars.shuffled(using: &rng))
    }
}

struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "dir", help: "备份目录（须不存在或为空）") var dir: String
    }
    var help: String { "在线一致性备份数据库与附件 / consistent online backup of database and files (PLT-56)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let fm = FileManager.default
        if let items = try? fm.contentsOfDirectory(atPath: signature.dir), !items.isEmpty {
            context.console.error("\(signature.dir) 不是空目录；为避免覆盖，请指定新目录")
            throw ExitCode(2)
        }
        let m = try await BackupRepository(store: app.fengqiao.store(app.db)).backup(to: signature.dir, filesRoot: app.fengqiao.config.filesDirectory)
        context.console.print("备份完成：\(m.tables.values.reduce(0, +)) 行，\(m.files.count) 个文件 → \(signature.dir)")
    }
}

struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "dir", help: "备份目录") var dir: String
    }
    var help: String { "把备份恢复到一个新的空数据库 / restore a backup into a new, empty database (PLT-56)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let store = app.fengqiao.store(app.db)
        do {
            let m = try await BackupRepository(store: store).restore(from: signature.dir, filesRoot: app.fengqiao.config.filesDirectory)
            let verdict = try await AuditRepository(store: store).verify()
            context.console.print("恢复完成：\(m.tables.values.reduce(0, +)) 行，\(m.files.count) 个文件；审计链：\(verdict.isIntact ? "完整" : "异常 \(verdict)")")
        } catch let e as DomainError {
            context.console.error(e.messageZH)
            throw ExitCode(2)
        }
    }
}
