import FengqiaoWeb
import Foundation
import Logging
import Vapor

// The `fengqiao` executable: configuration, then Vapor's command dispatch (serve, migrate, demo …).
let arguments = CommandLine.arguments
let command = arguments.dropFirst().first ?? "serve"
let environment = ProcessInfo.processInfo.environment

// CAL-16: the calendar queries need no database, key or configuration.
if command == "calendar", let sub = arguments.dropFirst(2).first, ["due", "is-workday", "between"].contains(sub) {
    exit(CalendarQueries.cli(Array(arguments.dropFirst(2))))
}
// PLT-34: a new key line needs no key (the README's first step before `bench` or a new server).
if command == "keys", arguments.dropFirst(2).first == "generate", !arguments.contains("--help"), !arguments.contains("-h") {
    let idIndex = arguments.firstIndex(of: "--id").map { $0 + 1 }
    let id = idIndex.flatMap { $0 < arguments.count ? arguments[$0] : nil } ?? "k\(Int(Date().timeIntervalSince1970))"
    print(AppConfig.generateKeyLine(id: id))
    exit(0)
}
var env = try Environment.detect(arguments: arguments)
try LoggingSystem.bootstrap(from: &env)

let config: AppConfig
do {
    var loaded = try AppConfig.load(environment: environment)
    if command == "demo" {
        // The demo always uses a fresh SQLite database in the current directory. An existing one
        // is kept under a new name, never overwritten.
        loaded.database = .sqlite(path: "./fengqiao.sqlite")
        loaded.keyFile = "./fengqiao.key"
        loaded.filesDirectory = "./files"
        if !arguments.contains("--help") && !arguments.contains("-h") {
            let fm = FileManager.default
            if fm.fileExists(atPath: "./fengqiao.sqlite") {
                let stamp = Int(Date().timeIntervalSince1970)
                for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: "./fengqiao.sqlite" + suffix) {
                    try fm.moveItem(atPath: "./fengqiao.sqlite" + suffix, toPath: "./fengqiao.sqlite.bak-\(stamp)" + suffix)
                }
                print("已将原有 fengqiao.sqlite 保留为 fengqiao.sqlite.bak-\(stamp)")
            }
        }
    }
    config = loaded
} catch let e as AppConfig.Invalid {
    FileHandle.standardError.write(Data((e.description + "\n").utf8))
    exit(78)
}

let app = try await Application.make(env)
do {
    try await configure(app, config: config, createKey: command == "demo")
    try await app.execute()
    try await app.asyncShutdown()
} catch let e as AppConfig.Invalid {
    FileHandle.standardError.write(Data((e.description + "\n").utf8))
    try? await app.asyncShutdown()
    exit(78)
} catch let e as ExitCode {
    try? await app.asyncShutdown()
    exit(e.code)
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    exit(1)
}
