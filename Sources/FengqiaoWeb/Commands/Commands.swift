import FengqiaoCore
import FengqiaoDocuments
import FengqiaoStore
import Fluent
import Foundation
import Vapor

/// The `fengqiao` commands besides Vapor's `serve` (each answers `--help`); `migrate` is ours, locked.
func registerCommands(_ app: Application) {
    app.asyncCommands.use(LockedMigrateCommand(), as: "migrate")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(Group(help: "用户管理 / users", commands: ["create": UserCreateCommand()]), as: "user")
    app.asyncCommands.use(Group(help: "API 令牌 / API tokens (PLT-33)", commands: ["create": TokenCreateCommand(), "revoke": TokenRevokeCommand()]), as: "token")
    app.asyncCommands.use(Group(help: "当事人 / parties (PLT-14)", commands: ["import": PartyImportCommand()]), as: "party")
    app.asyncCommands.use(Group(help: "审计链 / audit chain (PLT-21)", commands: ["verify": AuditVerifyCommand()]), as: "audit")
    app.asyncCommands.use(Group(help: "加密密钥 / field-encryption keys (PLT-34)", commands: ["generate": KeyGenerateCommand(), "rotate": KeyRotateCommand()]), as: "keys")
    app.asyncCommands.use(Group(help: "工作日历 / the working-day calendar (CAL-03, CAL-16)", commands: [
        "import": CalendarImportCommand(), "export": CalendarExportCommand(),
        "due": CalendarQueryHelp(help: "到期日 / due date: calendar due START N workdays|days|months"),
        "is-workday": CalendarQueryHelp(help: "是否工作日 / is DATE a working day: yes|no"),
        "between": CalendarQueryHelp(help: "工作日数 / working days after START up to END"),
    ]), as: "calendar")
    app.asyncCommands.use(Group(help: "文书 / documents (DOC-*)", commands: ["render-samples": RenderSamplesCommand()]), as: "documents")
    app.asyncCommands.use(Group(help: "档案 / archives (DOC-44)", commands: ["export": ArchiveExportCommand(), "verify": ArchiveVerifyCommand()]), as: "archive")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(BenchCommand(), as: "bench")
    app.asyncCommands.use(SeedCommand(), as: "seed")
}

struct Group: AsyncCommandGroup {
    let help: String
    let commands: [String: any AnyAsyncCommand]
}

/// Work done from the command line is audited as the system acting for the named operator.
func cliContext(_ what: String) -> AuditContext {
    AuditContext(login: "cli:\(ProcessInfo.processInfo.environment["USER"] ?? "root"):\(what)", requestID: UUID().uuidString.lowercased())
}

/// Prints a one-line progress bar on a terminal (stderr), redrawn in place.
struct ProgressBar: Sendable {
    let total: Int
    let label: String
    func draw(_ done: Int) {
        guard total > 0 else { return }
        let width = 30
        let filled = min(width, done * width / total)
        let line = "\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(done)/\(total)"
        FileHandle.standardError.write(Data(line.utf8))
        if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

struct UserCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "login", help: "登录名 (lower-case ASCII)") var login: String?
        @Option(name: "name", help: "姓名") var name: String?
        @Option(name: "unit", help: "单位代码, e.g. ZC") var unit: String?
        @Option(name: "role", help: "角色代码: officer, unit-head, legal-reviewer, deputy-leader, chief-leader, discipline, mediator, petition-officer, system-admin, security-admin, audit-admin") var role: String?
        @Option(name: "scope", help: "数据范围: own, unit, unit-tree, all (default: the role's)") var scope: String?
        @Option(name: "password", help: "初始密码 (asked for when omitted; must be changed at first login)") var password: String?
    }
    var help: String { "创建用户 / create a user (PLT-01, PLT-03, PLT-04)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let login = signature.login, let name = signature.name, let unitCode = signature.unit, let role = signature.role else {
            context.console.error("需要 --login --name --unit --role")
            throw ExitCode(2)
        }
        let repo = OrganisationRepository(store: app.fengqiao.store(app.db))
        guard let unit = try await repo.unit(code: unitCode) else {
            context.console.error("单位 \(unitCode) 不存在")
            throw ExitCode(2)
        }
        let password = signature.password ?? context.console.ask("初始密码: ", isSecure: true)
        let violations = app.fengqiao.config.policy.password.violations(password, login: login)
        if !violations.isEmpty {
            violations.forEach { context.console.error("password: \($0.messageZH)") }
            throw ExitCode(2)
        }
        let scope = signature.scope.flatMap(DataScope.init(rawValue:)) ?? ShippedRoles.role(role)?.defaultScope ?? .unit
        do {
            let user = try await repo.createUser(NewUser(login: login, name: name, unitID: unit.id, passwordHash: try app.fengqiao.hasher.hash(password),
                                                         mustChangePassword: true, roles: [(role, unit.id, scope)]), context: cliContext("user create"))
            context.console.print("已创建用户 \(user.login) (\(user.id.uuidString))")
        } catch let e as DomainError {
            e.fields.forEach { context.console.error("\($0.field): \($0.messageZH) [\($0.rule)]") }
            throw ExitCode(2)
        }
    }
}

struct TokenCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "login", help: "令牌所属用户") var login: String?
        @Option(name: "name", help: "令牌用途, e.g. 12315-sync") var name: String?
        @Option(name: "scope", help: "read（只读）或 write（读写），默认 read") var scope: String?
    }
    var help: String { "创建 API 令牌，仅显示一次 / create an API token, shown once (PLT-33)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let login = signature.login else {
            context.console.error("需要 --login")
            throw ExitCode(2)
        }
        let store = app.fengqiao.store(app.db)
        guard let user = try await OrganisationRepository(store: store).user(login: login) else {
            context.console.error("用户 \(login) 不存在")
            throw ExitCode(2)
        }
        guard let scope = TokenScope.parse(signature.scope ?? TokenScope.read.rawValue) else {
            context.console.error("--scope 只能是 read 或 write（PLT-33）")
            throw ExitCode(2)
        }
        let (secret, token) = try await AccessRepository(store: store).createToken(userID: user.id, name: signature.name ?? "cli", scopes: [scope.rawValue],
                                                                                   context: cliContext("token create"))
        context.console.print("令牌 \(token.id.uuidString)（只显示这一次，请妥善保存）:")
        context.console.print(secret)
    }
}

struct PartyImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "CSV (UTF-8) 或 XLSX 文件") var file: String
        @Option(name: "unit", help: "管辖单位代码 (default: the first office)") var unit: String?
    }
    var help: String { "从 CSV/XLSX 批量导入当事人 / import parties (PLT-14)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let store = app.fengqiao.store(app.db)
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            context.console.error("无法读取文件 \(signature.file)")
            throw ExitCode(2)
        }
        let org = OrganisationRepository(store: store)
        let units = try await org.units()
        guard let unit = signature.unit.flatMap({ code in units.first { $0.code == code } }) ?? units.first(where: { $0.kind == .office }) else {
            context.console.error("单位不存在；用 --unit 指定单位代码")
            throw ExitCode(2)
        }
        let rows: [(row: Int, input: PartyInput)]
        do { rows = try PartyImportFile.rows(bytes: Array(data), filename: signature.file) } catch {
            context.console.error(error.messageZH)
            throw ExitCode(2)
        }
        // The CLI acts with the import permission over the chosen unit.
        let actor = Actor(userID: UUID(), login: "cli", name: "命令行", unitID: unit.id, permissions: [.partyImport, .partyWrite, .partyRead],
                          roleCodes: [], visibleUnits: [unit.id])
        let bar = ProgressBar(total: rows.count, label: "导入")
        let started = Date()
        let summary = try await PartyRepository(store: store).importRows(rows, unitID: unit.id, actor: actor, context: cliContext("party import"),
                                                                         chunkSize: 5000, progress: { bar.draw($0) })
        let seconds = Date().timeIntervalSince(started)
        context.console.print("共 \(summary.total) 行：新增 \(summary.created)，已存在 \(summary.existing)，失败 \(summary.errors.count)（\(String(format: "%.1f", seconds)) 秒）")
        for e in summary.errors.prefix(200) { context.console.print("  第 \(e.row) 行 \(e.name)：\(e.messages.joined(separator: "；"))") }
        if summary.errors.count > 200 { context.console.print("  ……另有 \(summary.errors.count - 200) 行错误") }
    }
}

struct AuditVerifyCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "校验审计哈希链，指出第一个被篡改、删除或插入的事件 / verify the audit chain (PLT-21)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let repo = AuditRepository(store: app.fengqiao.store(app.db))
        let result = try await repo.verify()
        switch result {
        case .intact(let count, let last):
            context.console.print("OK: \(count) events, chain intact through seq \(last)")
        case .broken(let seq, let problem):
            context.console.error("BROKEN at seq \(seq): \(problem.rawValue) — \(problem.messageZH)")
            throw ExitCode(1)
        }
    }
}

extension PartyImportFile.Failure { var description: String { messageZH } }
extension Error {
    var messageZH: String { (self as? PartyImportFile.Failure)?.messageZH ?? String(describing: self) }
}

struct KeyGenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "id", help: "密钥编号 (default k<timestamp>)") var id: String?
    }
    var help: String { "生成一个新的字段加密密钥（打印，不保存）/ print a new key line" }

    func run(using context: CommandContext, signature: Signature) async throws {
        context.console.print(AppConfig.generateKeyLine(id: signature.id ?? "k\(Int(Date().timeIntervalSince1970))"))
    }
}

struct KeyRotateCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String {
        "用当前密钥（FENGQIAO_ENCRYPTION_KEYS 的第一个）重新加密旧数据；旧密钥须仍在列表中 / re-seal personal data with the current key"
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let n = try await PartyRepository(store: app.fengqiao.store(app.db)).resealAll(context: cliContext("keys rotate")) { done in
            FileHandle.standardError.write(Data("\r已重新加密 \(done) 个当事人".utf8))
        }
        context.console.print("\n完成：\(n) 个当事人的个人信息已使用密钥 \(app.fengqiao.crypto.current.id) 重新加密")
    }
}
